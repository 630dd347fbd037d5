/**
 * Which of Settings' fields apply where the client runs. The web console starts no program and updates
 * with the service, so it shows neither the desktop-only settings (the executable's path) nor the
 * automatic-update note; everything else is the same on every host.
 */
import {
  DESKTOP_ONLY_SETTINGS,
  type RemoteClientId,
  type SettingName,
  type SettingsView,
} from '@shared/ipc/settings';

export interface SettingsFields {
  /** The path of the chosen built-in client's executable. */
  readonly remoteClientPath: boolean;
  /** The custom client's command (or link). */
  readonly customCommand: boolean;
  /** The note that automatic updates are off. */
  readonly autoUpdateNote: boolean;
}

/** Whether `name` means anything on the host of `view`. */
export function appliesHere(view: Pick<SettingsView, 'hostKind'>, name: SettingName): boolean {
  return view.hostKind === 'desktop' || !DESKTOP_ONLY_SETTINGS.includes(name);
}

export function settingsFields(
  view: Pick<SettingsView, 'hostKind' | 'remoteClients' | 'autoUpdate'>,
  remoteClient: RemoteClientId,
): SettingsFields {
  const client = view.remoteClients.find((c) => c.id === remoteClient);
  const custom = remoteClient === 'custom';
  return {
    remoteClientPath: !custom && client?.usesExecutable !== false && appliesHere(view, 'remoteClientPath'),
    customCommand: custom,
    autoUpdateNote: view.hostKind === 'desktop' && !view.autoUpdate,
  };
}
