/** The admin screen's tabs and how the arrow keys move between them (WAI-ARIA tabs). */
/** The tabs, in order; each has its label in ADMIN_STRINGS.tabs and its panel in `TabPanel` (AdminScreen.tsx). */
export const ADMIN_TABS = ['agents', 'channels', 'organisation'] as const;
export type AdminTab = (typeof ADMIN_TABS)[number];

/** The tab `key` moves to from `current`, or null for a key the tab list does not handle. */
export function tabAfterKey(current: AdminTab, key: string): AdminTab | null {
  const index = ADMIN_TABS.indexOf(current);
  const last = ADMIN_TABS.length - 1;
  switch (key) {
    case 'ArrowRight':
      return ADMIN_TABS[index === last ? 0 : index + 1]!;
    case 'ArrowLeft':
      return ADMIN_TABS[index === 0 ? last : index - 1]!;
    case 'Home':
      return ADMIN_TABS[0];
    case 'End':
      return ADMIN_TABS[last]!;
    default:
      return null;
  }
}
