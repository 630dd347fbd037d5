/** The admin screen's tabs and how the arrow keys move between them (WAI-ARIA tabs). */
import { indexAfterKey } from '../components/roving-focus';

/** The tabs, in order; each has its label `admin.tabs.<tab>` and its panel in `TabPanel` (AdminScreen.tsx). */
export const ADMIN_TABS = [
  'agents',
  'channels',
  'organisation',
  'sso',
  'integrations',
  'sms',
  'canned',
] as const;
export type AdminTab = (typeof ADMIN_TABS)[number];

/** The tab `key` moves to from `current`, or null for a key the tab list does not handle. */
export function tabAfterKey(current: AdminTab, key: string): AdminTab | null {
  const next = indexAfterKey(key, ADMIN_TABS.indexOf(current), ADMIN_TABS.length, 'horizontal');
  return next === null ? null : ADMIN_TABS[next]!;
}
