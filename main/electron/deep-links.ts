/**
 * The sessiondesk:// deep links the OS hands the app: in the command line of the first launch and of a
 * second instance (Windows, Linux), or by `open-url` (macOS). The core parses them
 * (AgentCore.openDeepLink); the shell only finds them. Pure: imports no electron.
 */
export const DEEP_LINK_SCHEME = 'sessiondesk';
const MAX_DEEP_LINK_LENGTH = 2_048;

export function isDeepLink(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length <= MAX_DEEP_LINK_LENGTH &&
    value.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}:`)
  );
}

/** The first deep link in a command line (Chromium's own switches come before it or after it). */
export function findDeepLink(argv: readonly string[]): string | null {
  return argv.find(isDeepLink) ?? null;
}
