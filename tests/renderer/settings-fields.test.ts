/**
 * Settings' fields by host: the web console hides the desktop-only settings (the executable's path) and
 * the automatic-update note, and keeps everything else; a desktop shows them as before.
 */
import { describe, expect, it } from 'vitest';
import { DESKTOP_ONLY_SETTINGS, DEFAULT_SETTINGS, type SettingName } from '../../shared/ipc/settings';
import { appliesHere, settingsFields } from '../../renderer/src/dialogs/settings-fields';

const CLIENTS = [
  { id: 'rustdesk', name: 'RustDesk', usesExecutable: true, available: true },
  { id: 'custom', name: 'Custom command', usesExecutable: false, available: true },
] as const;

const desktop = { hostKind: 'desktop', remoteClients: CLIENTS, autoUpdate: false } as const;
const web = {
  hostKind: 'web',
  remoteClients: CLIENTS.map((c) => ({ ...c, usesExecutable: false })),
  autoUpdate: false,
} as const;

describe('settingsFields', () => {
  it('on a desktop: the path for a built-in client, the command for the custom one, the update note', () => {
    expect(settingsFields(desktop, 'rustdesk')).toEqual({
      remoteClientPath: true,
      customCommand: false,
      autoUpdateNote: true,
    });
    expect(settingsFields(desktop, 'custom')).toEqual({
      remoteClientPath: false,
      customCommand: true,
      autoUpdateNote: true,
    });
    expect(settingsFields({ ...desktop, autoUpdate: true }, 'rustdesk').autoUpdateNote).toBe(false);
  });

  it('in the web console: no path and no update note, the custom command still', () => {
    expect(settingsFields(web, 'rustdesk')).toEqual({
      remoteClientPath: false,
      customCommand: false,
      autoUpdateNote: false,
    });
    expect(settingsFields(web, 'custom').customCommand).toBe(true);
    // Even if a summary said otherwise, the path is desktop-only.
    expect(settingsFields({ ...web, remoteClients: CLIENTS }, 'rustdesk').remoteClientPath).toBe(false);
  });

  it('leaves every other setting on every host', () => {
    const names = Object.keys(DEFAULT_SETTINGS) as SettingName[];
    expect(names.filter((name) => !appliesHere(web, name))).toEqual([...DESKTOP_ONLY_SETTINGS]);
    expect(names.every((name) => appliesHere(desktop, name))).toBe(true);
  });
});
