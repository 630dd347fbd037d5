/**
 * The remote-control clients as the Settings screen lists them: a name a person recognises, and whether
 * the "path of the executable" field applies. The custom client carries its own executable (or URI) in
 * its command, so the path field does not apply to it; every other client is launched as a program.
 */
import type { RemoteClientId, RemoteClientSummary } from '@shared/ipc/settings';

export const REMOTE_CLIENTS: Readonly<Record<RemoteClientId, RemoteClientSummary>> = {
  rustdesk: { id: 'rustdesk', name: 'RustDesk', usesExecutable: true, available: true },
  anydesk: { id: 'anydesk', name: 'AnyDesk', usesExecutable: true, available: true },
  teamviewer: { id: 'teamviewer', name: 'TeamViewer', usesExecutable: true, available: true },
  vnc: { id: 'vnc', name: 'VNC viewer', usesExecutable: true, available: true },
  rdp: { id: 'rdp', name: 'Remote Desktop (RDP)', usesExecutable: true, available: true },
  custom: { id: 'custom', name: 'Custom command', usesExecutable: false, available: true },
};

/** The summaries of `ids`, in the order given. */
export function remoteClientSummaries(ids: readonly RemoteClientId[]): RemoteClientSummary[] {
  return ids.map((id) => REMOTE_CLIENTS[id]);
}
