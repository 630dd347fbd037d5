/** CorePlatform.openUri for the Electron shell: shell.openExternal, after the URI policy every shell applies. */
import { shell } from 'electron';
import { checkOpenableUri } from '../core/platform/uri-policy';

export async function openUri(uri: string): Promise<void> {
  const checked = checkOpenableUri(uri);
  if (!checked.ok) throw new Error(checked.reason);
  await shell.openExternal(checked.uri, { activate: true });
}
