/**
 * Splits the custom command setting into an argument list, the way an agent expects from writing
 * commands, but without a shell: no $VAR, ~, globs, backticks, pipes or redirections. Each of those
 * characters is just a character. The rules:
 *
 * - whitespace separates arguments; adjacent quoted and unquoted parts join into one (--name="a b");
 * - '…' keeps everything literally up to the next single quote;
 * - "…" keeps everything literally too, except the Windows (MSVCRT) backslash rule before a double
 *   quote: 2n backslashes and " are n backslashes and the closing quote, 2n+1 backslashes and " are n
 *   backslashes and a literal ". Other backslashes are literal, so "C:\Program Files\x.exe" and
 *   "\\server\share" mean what they say. The same rule applies to \" outside quotes.
 * - control characters are refused (a settings value has no business holding them).
 */

export type TokenizeResult =
  { readonly ok: true; readonly tokens: string[] } | { readonly ok: false; readonly message: string };

const WHITESPACE = /[ \t\r\n]/;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export function tokenizeCommand(text: string): TokenizeResult {
  const control = CONTROL.exec(text);
  if (control !== null) {
    return { ok: false, message: `The command holds a control character at position ${control.index + 1}.` };
  }
  const tokens: string[] = [];
  let current = '';
  let inToken = false;
  let quote: "'" | '"' | null = null;
  let quoteAt = 0;
  let i = 0;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (quote === "'") {
      if (ch === "'") quote = null;
      else current += ch;
      i += 1;
      continue;
    }
    if (ch === '\\') {
      // A run of backslashes: only special when a double quote follows it.
      let end = i;
      while (text.charAt(end) === '\\') end += 1;
      const run = end - i;
      if (text.charAt(end) === '"') {
        current += '\\'.repeat(Math.floor(run / 2));
        if (run % 2 === 1) {
          current += '"';
          i = end + 1;
        } else {
          i = end; // the quote itself opens or closes, below
        }
      } else {
        current += '\\'.repeat(run);
        i = end;
      }
      inToken = true;
      continue;
    }
    if (quote === '"') {
      if (ch === '"') quote = null;
      else current += ch;
      i += 1;
      continue;
    }
    if (WHITESPACE.test(ch)) {
      if (inToken) tokens.push(current);
      current = '';
      inToken = false;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      quoteAt = i;
      inToken = true;
    } else {
      current += ch;
      inToken = true;
    }
    i += 1;
  }
  if (quote !== null) {
    const which = quote === '"' ? 'double' : 'single';
    return { ok: false, message: `The ${which} quote at position ${quoteAt + 1} is never closed.` };
  }
  if (inToken) tokens.push(current);
  return { ok: true, tokens };
}

/**
 * Writes one argument so that tokenizeCommand reads it back unchanged: in single quotes when it has
 * none, else in double quotes with the backslash rule. Used to show a command and by the tests.
 */
export function quoteArgument(arg: string): string {
  if (!arg.includes("'")) return `'${arg}'`;
  let out = '"';
  let backslashes = 0;
  for (const ch of arg) {
    if (ch === '\\') {
      backslashes += 1;
      continue;
    }
    if (ch === '"') out += '\\'.repeat(backslashes * 2 + 1) + '"';
    else out += '\\'.repeat(backslashes) + ch;
    backslashes = 0;
  }
  return `${out}${'\\'.repeat(backslashes * 2)}"`;
}
