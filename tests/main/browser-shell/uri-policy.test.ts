/** Which URIs a shell hands to the OS, and how the browser shell's opener is started. */
import { describe, expect, it } from 'vitest';
import { openerCommand, openUri } from '../../../main/browser-shell/open-uri';
import { checkOpenableUri, MAX_URI_LENGTH } from '../../../main/core/platform/uri-policy';

describe('checkOpenableUri', () => {
  it.each([
    'rustdesk://connection/new/123456789?password=abc',
    'anydesk:123456789',
    'tv-control1:?remotecontrolid=123',
    'teamviewer10://control?device=123',
    'vnc://192.0.2.10:5900',
    'rdp://full%20address=s:host.example',
    'ms-rd:subscribe?url=https://rd.example',
    'https://support.example.com/download',
  ])('allows %s', (uri) => {
    expect(checkOpenableUri(uri)).toMatchObject({ ok: true, uri });
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'vbscript:msgbox',
    'file:///etc/passwd',
    'data:text/html,<script>',
    'blob:https://x/1',
    'about:blank',
    'http://example.com',
    'ftp://example.com',
    'smb://host/share',
    'ms-msdt:/id PCWDiagnostic',
    'search-ms:query=x',
    'ms-officecmd:{}',
    'chrome://settings',
    'sessiondesk://request/1',
    'https://',
    'https:no-host',
  ])('refuses %s', (uri) => {
    expect(checkOpenableUri(uri).ok).toBe(false);
  });

  it.each([
    ['a space', 'rustdesk://connect 123'],
    ['a quote', 'rustdesk://"x"'],
    ['a newline', 'rustdesk://x\n--flag'],
    ['a backslash', 'x-app:\\\\host'],
    ['a caret', 'x-app:a^b'],
    ['a lone percent', 'x-app:100%'],
    ['no scheme', '//host/path'],
    ['an option', '--help'],
  ])('refuses a URI with %s', (_what, uri) => {
    expect(checkOpenableUri(uri)).toMatchObject({ ok: false, reason: expect.any(String) });
  });

  it('refuses what is not a string, empty, or too long', () => {
    for (const uri of [undefined, null, 42, '', `x-app:${'a'.repeat(MAX_URI_LENGTH)}`]) {
      expect(checkOpenableUri(uri).ok).toBe(false);
    }
  });
});

describe('the browser shell’s opener', () => {
  const uri = 'rustdesk://connection/new/1?password=a&b=c';
  it('is an argument array on every platform, never a shell or cmd.exe', () => {
    expect(openerCommand(uri, 'linux')).toMatchObject({ command: 'xdg-open', args: [uri] });
    expect(openerCommand(uri, 'freebsd')).toMatchObject({ command: 'xdg-open', args: [uri] });
    expect(openerCommand(uri, 'darwin')).toMatchObject({ command: 'open', args: [uri] });
    expect(openerCommand(uri, 'win32')).toMatchObject({ command: 'explorer.exe', args: [uri] });
  });

  it('refuses a URI the policy refuses before starting anything', async () => {
    await expect(openUri('javascript:alert(1)', 'linux')).rejects.toThrow('never opened');
  });
});
