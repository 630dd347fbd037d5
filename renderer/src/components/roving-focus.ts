/**
 * Where the keys move focus in a composite widget with one tab stop (WAI-ARIA APG: menus, toolbars,
 * tab lists): the arrows of its orientation step and wrap around, Home and End go to the ends, and in a
 * menu a printable character goes to the next item starting with it. Pure: the widgets focus the index.
 */

export type Orientation = 'horizontal' | 'vertical';

/** The index `key` moves to from `index` among `count` items, or null for a key that moves nothing. */
export function indexAfterKey(
  key: string,
  index: number,
  count: number,
  orientation: Orientation,
): number | null {
  if (count <= 0) return null;
  const last = count - 1;
  const [back, forward] =
    orientation === 'horizontal' ? ['ArrowLeft', 'ArrowRight'] : ['ArrowUp', 'ArrowDown'];
  switch (key) {
    case forward:
      return index >= last ? 0 : index + 1;
    case back:
      return index <= 0 ? last : index - 1;
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return null;
  }
}

/**
 * Type-ahead: the first label after `index` (going round) that starts with the typed character, ignoring
 * case; null when the key is not one printable character or no label starts with it.
 */
export function indexStartingWith(labels: readonly string[], index: number, key: string): number | null {
  if ([...key].length !== 1 || key.trim() === '') return null;
  const typed = key.toLocaleLowerCase();
  for (let step = 1; step <= labels.length; step++) {
    const at = (index + step) % labels.length;
    if (labels[at]!.toLocaleLowerCase().startsWith(typed)) return at;
  }
  return null;
}
