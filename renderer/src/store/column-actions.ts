/**
 * The table's columns (the `tableColumns` setting): a change shows at once and is saved through the
 * core like any setting. While a save is on its way, settings arriving from the core keep the newer
 * columns on screen, so a quick run of arrow keys on a resize handle never flickers back.
 */
import type { SettingsView, TableColumnsSetting } from '@shared/ipc/settings';
import { refusalWords } from '../i18n/words';
import type { AppState } from './app-state';

type Set = (partial: Partial<AppState>) => void;
type Get = () => AppState;

/** The settings with the columns not saved yet in place of the saved ones. */
export function withUnsavedColumns(view: SettingsView, columns: TableColumnsSetting | null): SettingsView {
  return columns === null ? view : { ...view, values: { ...view.values, tableColumns: columns } };
}

export function columnActions(set: Set, get: Get) {
  return {
    async setTableColumns(columns, save = true) {
      const settings = get().settings;
      set({
        unsavedColumns: columns,
        ...(settings ? { settings: withUnsavedColumns(settings, columns) } : {}),
      });
      if (!save) return;
      const result = await get().call('settings.update', { tableColumns: columns });
      // Saved, unless a newer change came meanwhile (its own save follows).
      if (get().unsavedColumns !== columns) return;
      set({ unsavedColumns: null });
      if (result.ok) {
        set({ settings: result.value });
        return;
      }
      // Not saved: back to what the core has, saying why.
      get().toast({ tone: 'error', title: refusalWords(result.error) });
      const saved = await get().call('settings.get', {});
      if (saved.ok) set({ settings: saved.value });
    },
  } satisfies Partial<AppState>;
}
