/**
 * The remote-control clients as the Settings screen lists them: a name a person recognises, whether
 * the "path of the executable" field applies, and whether this host can hand off to it at all. The
 * custom client carries its own executable (or URI) in its command, so the path field does not apply to
 * it; every other client is launched as a program on a desktop. The web console starts no program: its
 * built-in clients open by their link scheme (or an `.rdp` file), and a custom command line cannot run.
 */
import type { HostKind, RemoteClientId, RemoteClientSummary, UserSettings } from '@shared/ipc/settings';
import { looksLikeUri } from '../handoff/launch-plan';

export const REMOTE_CLIENTS: Readonly<Record<RemoteClientId, RemoteClientSummary>> = {
  rustdesk: { id: 'rustdesk', name: 'RustDesk', usesExecutable: true, available: true },
  anydesk: { id: 'anydesk', name: 'AnyDesk', usesExecutable: true, available: true },
  teamviewer: { id: 'teamviewer', name: 'TeamViewer', usesExecutable: true, available: true },
  vnc: { id: 'vnc', name: 'VNC viewer', usesExecutable: true, available: true },
  rdp: { id: 'rdp', name: 'Remote Desktop (RDP)', usesExecutable: true, available: true },
  custom: { id: 'custom', name: 'Custom command', usesExecutable: false, available: true },
};

/**
 * Whether `id` can be handed off to on `hostKind`. An empty custom command counts as available: Connect's
 * own refusal (no custom command) says what to do better than "needs the desktop app" would.
 */
export function availableOn(
  id: RemoteClientId,
  hostKind: HostKind,
  settings: Pick<UserSettings, 'customCommand'>,
): boolean {
  if (hostKind === 'desktop' || id !== 'custom') return true;
  const command = settings.customCommand.trim();
  return command === '' || looksLikeUri(command);
}

/** The summaries of `ids`, in the order given, as this host can use them. */
export function remoteClientSummaries(
  ids: readonly RemoteClientId[],
  hostKind: HostKind,
  settings: Pick<UserSettings, 'customCommand'>,
): RemoteClientSummary[] {
  return ids.map((id) => {
    const summary = REMOTE_CLIENTS[id];
    return {
      ...summary,
      // No program path means anything where no program starts.
      usesExecutable: hostKind === 'desktop' && summary.usesExecutable,
      available: availableOn(id, hostKind, settings),
    };
  });
}
