/**
 * Turns what the agent typed in the search box into an FTS5 query: every word must match the start of a
 * word in the name, e-mail, comments or PIN. A PIN typed in groups ("123 456 789") is one word. Nothing
 * the agent types is passed to FTS5 as syntax.
 */

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
