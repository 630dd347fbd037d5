/** A number as typed in an admin form; NaN for empty or not a number (the schema says why). */
export function parseNumber(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? Number.NaN : Number(trimmed);
}
