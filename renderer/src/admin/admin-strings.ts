/**
 * What is left of the admin screens' English table: the sidebar's Administration entry, which is not an
 * admin file and still reads it until the sidebar speaks the catalogues. The same words are `admin.title`
 * and `admin.sidebarHint` in shared/i18n/catalogs/en/admin.json; delete this file once nothing imports it.
 */
export const ADMIN_STRINGS = {
  /** The sidebar entry and the screen's heading. */
  title: 'Administration',
  sidebarHint: 'Agents, channels and the organisation',
} as const;
