/**
 * The custom command's tokenizer: quote-aware, no shell expansion, Windows paths intact, and
 * properties over arbitrary arguments (quoting any list and splitting it again gives the list back).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quoteArgument, tokenizeCommand } from '../../../main/core/handoff/tokenize';

function tokens(text: string): string[] {
  const result = tokenizeCommand(text);
  if (!result.ok) throw new Error(result.message);
  return result.tokens;
}

describe('tokenizeCommand', () => {
  it.each([
    ['/usr/bin/viewer --connect {remoteId}', ['/usr/bin/viewer', '--connect', '{remoteId}']],
    ['  spaced\t out  \n', ['spaced', 'out']],
    [`a 'b c' "d e"`, ['a', 'b c', 'd e']],
    [`--name="a b"'c d'e`, ['--name=a bc de']],
    [`'' ""`, ['', '']],
    [`'it"s' "it's"`, ['it"s', "it's"]],
    // Nothing a shell would do: these are all plain characters.
    [
      '$HOME ~ * ?.txt `id` $(id) a;b a|b a&b >out <in !1',
      ['$HOME', '~', '*', '?.txt', '`id`', '$(id)', 'a;b', 'a|b', 'a&b', '>out', '<in', '!1'],
    ],
    // Windows paths keep their backslashes, quoted or not.
    [
      `"C:\\Program Files\\Viewer\\viewer.exe" C:\\Tools\\x.exe`,
      ['C:\\Program Files\\Viewer\\viewer.exe', 'C:\\Tools\\x.exe'],
    ],
    [`"\\\\server\\share\\v.exe"`, ['\\\\server\\share\\v.exe']],
    // The MSVCRT rule before a double quote.
    [`"say \\"hi\\""`, ['say "hi"']],
    [`"C:\\dir\\\\"`, ['C:\\dir\\']],
    [`a\\"b`, ['a"b']],
    [`'single \\ stays'`, ['single \\ stays']],
  ])('%s', (text, expected) => {
    expect(tokens(text)).toEqual(expected);
  });

  it.each([
    [`viewer 'open`, 'The single quote at position 8 is never closed.'],
    [`viewer "open`, 'The double quote at position 8 is never closed.'],
    [`viewer "C:\\dir\\"`, 'The double quote at position 8 is never closed.'],
    ['viewer \u0000x', 'The command holds a control character at position 8.'],
  ])('refuses %j', (text, message) => {
    expect(tokenizeCommand(text)).toEqual({ ok: false, message });
  });

  it('is empty for an empty or blank command', () => {
    expect(tokens('')).toEqual([]);
    expect(tokens('   ')).toEqual([]);
  });
});

/** Any text without control characters (the tokenizer refuses those), from the whole of Unicode. */
const argument = fc
  .string({ unit: 'binary', maxLength: 40 })
  // eslint-disable-next-line no-control-regex -- the tokenizer's own refusal, mirrored
  .filter((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s));
const separator = fc.stringMatching(/^[ \t\n]{1,3}$/);

describe('tokenizeCommand properties', () => {
  it('gives back any list of arguments written with quoteArgument', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(argument, separator), { maxLength: 8 }), (list) => {
        const text = list.map(([arg, sep]) => quoteArgument(arg) + sep).join('');
        expect(tokens(text)).toEqual(list.map(([arg]) => arg));
      }),
    );
  });

  it('splits plain words on whitespace and nothing else', () => {
    // eslint-disable-next-line no-control-regex -- words without control characters
    const word = fc.stringMatching(/^[^\s'"\\\u0000-\u001f\u007f]{1,12}$/);
    fc.assert(
      fc.property(fc.array(fc.tuple(word, separator), { minLength: 1, maxLength: 8 }), (list) => {
        const text = list.map(([w, sep]) => w + sep).join('');
        expect(tokens(text)).toEqual(list.map(([w]) => w));
      }),
    );
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (text) => {
        const result = tokenizeCommand(text);
        expect(typeof result.ok).toBe('boolean');
      }),
    );
  });
});
