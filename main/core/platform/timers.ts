/**
 * Timers that must not keep a Node process alive (a keep-signed-in interval, an echo's wait): Node's
 * timers have `unref`; a browser's are plain numbers and end with their page anyway.
 */
export function unrefTimer<T>(timer: T): T {
  (timer as { unref?: () => void } | null)?.unref?.();
  return timer;
}
