/**
 * Placeholders in argument and URI templates: {remoteId}, {password}, {host}, {port}, with {{ and }}
 * for literal braces. A template is parsed once into literal and placeholder parts, so a value is
 * put in place as data: it never becomes template syntax, and in an argument list it never becomes
 * more than the one element it was written in.
 */
import { PLACEHOLDERS, type Placeholder } from './values';

export type TemplatePart =
  | { readonly literal: string; readonly placeholder?: never }
  | { readonly placeholder: Placeholder; readonly literal?: never };

export type ParseResult =
  | { readonly ok: true; readonly parts: readonly TemplatePart[] }
  | { readonly ok: false; readonly message: string };

const NAMES: readonly string[] = PLACEHOLDERS;
const LIST = PLACEHOLDERS.map((p) => `{${p}}`).join(', ');

export function parseTemplate(text: string): ParseResult {
  const parts: TemplatePart[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    const ch = text.charAt(i);
    if ((ch === '{' || ch === '}') && text.charAt(i + 1) === ch) {
      literal += ch;
      i += 2;
      continue;
    }
    if (ch === '}') {
      return { ok: false, message: `“${text}” has a } without its {. Write }} for a literal brace.` };
    }
    if (ch === '{') {
      const end = text.indexOf('}', i);
      const name = end < 0 ? '' : text.slice(i + 1, end);
      if (!NAMES.includes(name)) {
        const shown = end < 0 ? text.slice(i) : text.slice(i, end + 1);
        return {
          ok: false,
          message: `“${shown}” is not a placeholder. Use ${LIST}, or {{ for a literal brace.`,
        };
      }
      if (literal !== '') parts.push({ literal });
      literal = '';
      parts.push({ placeholder: name as Placeholder });
      i = end + 1;
      continue;
    }
    literal += ch;
    i += 1;
  }
  if (literal !== '') parts.push({ literal });
  return { ok: true, parts };
}

export function placeholdersOf(parts: readonly TemplatePart[]): Set<Placeholder> {
  const used = new Set<Placeholder>();
  for (const part of parts) if (part.placeholder !== undefined) used.add(part.placeholder);
  return used;
}

export type Values = Readonly<Partial<Record<Placeholder, string>>>;

/** Puts the values in place; `encode` turns a value into its URI form. A missing value is empty. */
export function fill(
  parts: readonly TemplatePart[],
  values: Values,
  encode: (name: Placeholder, value: string) => string = (_name, value) => value,
): string {
  let out = '';
  for (const part of parts) {
    out +=
      part.placeholder === undefined
        ? part.literal
        : encode(part.placeholder, values[part.placeholder] ?? '');
  }
  return out;
}

/**
 * Percent-encodes a value for a URI. Values were validated first, so only the characters with a
 * meaning in a URI remain to encode; "@" and ":" stay as they are in an ID ("name@ad", "id@server:21116",
 * allowed in a path or query by RFC 3986), and brackets stay around an IPv6 host. A password is
 * encoded entirely, since a custom URI may put it in the user-info part, where ":" and "@" are syntax.
 */
export function encodeUriValue(name: Placeholder, value: string): string {
  const encoded = encodeURIComponent(value);
  switch (name) {
    case 'password':
    case 'port':
      return encoded;
    case 'remoteId':
      return encoded.replace(/%40/g, '@').replace(/%3A/gi, ':');
    case 'host':
      return encoded.replace(/%5B/gi, '[').replace(/%5D/gi, ']').replace(/%3A/gi, ':');
  }
}

/** The scheme a URI template starts with, lower case with its colon ("rustdesk:"); null when none. */
export function schemeOf(template: string): string | null {
  const match = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(template);
  return match?.[1] === undefined ? null : `${match[1].toLowerCase()}:`;
}
