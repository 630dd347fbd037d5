/** Small helpers of the mail and page tests: addresses nobody else uses, and text as React escapes it. */

let addressCounter = 0;
/** A recipient address no other test uses, so each test finds its own messages. */
export function freshAddress(label: string): string {
  addressCounter++;
  return `${label}-${addressCounter}-${Date.now()}@example.com`;
}

/** What React writes for text in HTML. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#x27;');
}
