/**
 * The `.rdp` file the web console offers for Remote Desktop: a browser cannot start mstsc, and no
 * browser-openable scheme reaches it on Windows, but every RDP client (mstsc, Microsoft's Windows App,
 * Remmina, FreeRDP) opens such a file. Settings are `name:type:value` lines (`s` string, `i` integer),
 * CRLF-separated as mstsc writes them. No password goes in: the client asks for the credentials.
 */
import type { SaveFileRequest } from '../platform/files';
import type { Endpoint } from './values';

export const RDP_MEDIA_TYPE = 'application/x-rdp';
export const RDP_DEFAULT_PORT = 3389;

export interface RdpFileOptions {
  /** Full screen (the default, as mstsc starts) or a window. */
  readonly fullScreen?: boolean;
}

/** The file's text for `endpoint` (its host already checked by the RDP address rule). */
export function rdpFile(endpoint: Endpoint, options: RdpFileOptions = {}): string {
  const lines = [
    `full address:s:${endpoint.host}:${endpoint.port ?? RDP_DEFAULT_PORT}`,
    // The end user's account is theirs to type: never saved, asked for when connecting.
    'prompt for credentials:i:1',
    // 2: full screen, 1: a window.
    `screen mode id:i:${options.fullScreen === false ? 1 : 2}`,
    'use multimon:i:0',
    'session bpp:i:32',
    // Warn, but allow, when the server's identity cannot be verified (a helpdesk's usual case).
    'authentication level:i:2',
    'autoreconnection enabled:i:1',
    'redirectclipboard:i:1',
    // Sound stays on the remote computer; the agent is not meant to hear the end user's machine.
    'audiomode:i:2',
  ];
  return lines.map((line) => `${line}\r\n`).join('');
}

/** What the file is offered as: `<host>.rdp`, the host's brackets and colons made safe for a file name. */
export function rdpSaveRequest(endpoint: Endpoint, client: string): SaveFileRequest {
  const name = endpoint.host.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '');
  return {
    defaultName: `${name === '' ? 'remote-desktop' : name}.rdp`,
    filterName: client,
    extension: 'rdp',
    mediaType: RDP_MEDIA_TYPE,
  };
}
