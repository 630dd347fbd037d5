/**
 * The pseudo-locale that shows layout problems before a translator does: every letter accented, each
 * message 40% longer and wrapped in brackets, so clipped, overlapping or concatenated text stands out
 * ("[Šéššîöñ ŕéqûéšţš ·····]"). Placeholders and ICU syntax are kept; only the words change.
 */
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';

export const PSEUDO_LANGUAGE = 'en-XA';
export type PseudoLanguage = typeof PSEUDO_LANGUAGE;

const ACCENTED: Record<string, string> = Object.fromEntries(
  [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((c, i) => [
    c,
    [...'áƀçđéƒĝĥîĵķĺɱñöþǫŕšţûṽŵẋýžÅƁÇĐÉƑĜĤÎĴĶĹṀÑÖÞǪŔŠŢÛṼŴẊÝŽ'][i] ?? c,
  ]),
);

function accent(text: string): string {
  return [...text].map((c) => ACCENTED[c] ?? c).join('');
}

function transform(elements: MessageFormatElement[]): MessageFormatElement[] {
  return elements.map((element) => {
    if (element.type === TYPE.literal) return { ...element, value: accent(element.value) };
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      const options = Object.fromEntries(
        Object.entries(element.options).map(([key, option]) => [
          key,
          { ...option, value: transform(option.value) },
        ]),
      );
      return { ...element, options };
    }
    return element;
  });
}

/** Characters of a message's literal text (a plural or select counts its `other` branch), to size its padding. */
function letters(elements: readonly MessageFormatElement[]): number {
  return elements.reduce((sum, e) => {
    if (e.type === TYPE.literal) return sum + e.value.length;
    if (e.type === TYPE.plural || e.type === TYPE.select)
      return sum + letters(e.options['other']?.value ?? []);
    return sum;
  }, 0);
}

export function pseudoMessage(message: string): MessageFormatElement[] {
  const ast = transform(parse(message));
  const padding = '·'.repeat(Math.ceil(letters(ast) * 0.4));
  return [
    { type: TYPE.literal, value: '[' },
    ...ast,
    { type: TYPE.literal, value: padding ? ` ${padding}]` : ']' },
  ];
}

export function pseudoCatalog(
  source: Readonly<Record<string, string>>,
): Record<string, MessageFormatElement[]> {
  return Object.fromEntries(Object.entries(source).map(([id, message]) => [id, pseudoMessage(message)]));
}
