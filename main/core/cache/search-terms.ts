/**
 * The search index's words on both sides: what the agent typed, turned into an FTS5 query (every word
 * must match the start of a word in the name, e-mail, comments, PIN or ticket — its system and id, so
 * "INC-1042" finds the words "inc" and "1042"; a PIN typed in groups ("123 456 789") is one word;
 * nothing typed is passed to FTS5 as syntax), and the filter words each request's
 * document carries beside them (its view, status, channel and assignee), so that one MATCH both filters
 * and searches, and counts the matches without reading a request.
 */

/**
 * The filter words' first character: one of Unicode's private use, which the FTS5 tokenizer keeps inside
 * a word (its categories are letters, numbers and private use) and a typed word never has (it is split
 * on what is not a letter or a number), so what the agent types never finds a filter word.
 */
const FILTER_MARK = 0xe000;

/**
 * What a request's document says about it besides its text: the column it comes from, and the letter
 * after the mark. The value follows in hex, so any id is one word of letters and digits.
 */
export const SEARCH_FILTERS = {
  final: { column: 'final', letter: 'f' },
  status: { column: 'status', letter: 's' },
  channel: { column: 'channel_id', letter: 'c' },
  assignee: { column: 'assignee_id', letter: 'a' },
} as const;
type SearchFilter = keyof typeof SEARCH_FILTERS;

/**
 * The SQL of a row's filter words, from its columns as `row`.column (`new`, `old`, or '' for the table's
 * own): the same words filterWord writes. An assignee of NULL gives a word of no value, which no query
 * asks for.
 */
export function filterWordsSql(row: string): string {
  const of = (column: string) => (row === '' ? column : `${row}.${column}`);
  return Object.values(SEARCH_FILTERS)
    .map(({ column, letter }) => `char(${FILTER_MARK}) || '${letter}' || hex(${of(column)})`)
    .join(` || ' ' || `);
}

/** One filter word, quoted for a MATCH expression: what filterWordsSql writes for `value`. */
export function filterWord(filter: SearchFilter, value: string | number): string {
  // SQLite's hex() of the text: its UTF-8 bytes, two upper-case digits each.
  const hex = Array.from(new TextEncoder().encode(String(value)), (byte) =>
    byte.toString(16).padStart(2, '0'),
  )
    .join('')
    .toUpperCase();
  return `"${String.fromCharCode(FILTER_MARK)}${SEARCH_FILTERS[filter].letter}${hex}"`;
}

/** The FTS5 MATCH expression, or null when there is nothing to search for. */
export function toMatchExpression(search: string): string | null {
  const trimmed = search.trim();
  if (trimmed === '') return null;
  const digitsOnly = /^[\d\s-]*\d[\d\s-]*$/.test(trimmed);
  const words = digitsOnly
    ? [trimmed.replace(/[\s-]/g, '')]
    : trimmed.split(/[^\p{L}\p{N}]+/u).filter((word) => word !== '');
  if (words.length === 0) return null;
  // Quoted, so words like AND, OR, NEAR or a stray * are text, not operators.
  return words.map((word) => `"${word.replace(/"/g, '""')}"*`).join(' AND ');
}
