/**
 * Readers of policy and settings files treat "the file is not there" as an ordinary answer (no policy,
 * default settings) and every other failure as something to report; these two helpers say which is which
 * and give the message to show, whatever was thrown.
 */

export function isNotFound(error: unknown): boolean {
  const code = (error as { readonly code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
