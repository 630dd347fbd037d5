/**
 * A tiny XML writer for the Group Policy templates: elements, attributes and text, escaped, indented by
 * two spaces. Enough for ADMX/ADML and nothing more, so the output is byte-stable for the drift test.
 */

export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string | number>>;
  /** Either child elements or one text: the templates never mix the two. */
  readonly children: readonly XmlElement[] | string;
}

export function element(
  name: string,
  attributes: Readonly<Record<string, string | number>> = {},
  children: readonly XmlElement[] | string = [],
): XmlElement {
  return { name, attributes, children };
}

export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute values also escape quotes and line breaks (a raw newline would be normalised to a space). */
export function escapeAttribute(value: string): string {
  return escapeText(value)
    .replace(/"/g, '&quot;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;')
    .replace(/\t/g, '&#9;');
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.:-]*$/;
// XML 1.0 forbids most control characters even escaped; refusing them beats writing a broken file.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

function checked(text: string): string {
  if (FORBIDDEN.test(text)) throw new Error(`XML cannot hold the text ${JSON.stringify(text)}.`);
  return text;
}

function render(node: XmlElement, indent: string, lines: string[]): void {
  if (!NAME.test(node.name)) throw new Error(`${JSON.stringify(node.name)} is not an XML name.`);
  const attributes = Object.entries(node.attributes)
    .map(([key, value]) => {
      if (!NAME.test(key)) throw new Error(`${JSON.stringify(key)} is not an XML attribute name.`);
      return ` ${key}="${escapeAttribute(checked(String(value)))}"`;
    })
    .join('');
  const open = `${indent}<${node.name}${attributes}`;
  if (typeof node.children === 'string') {
    lines.push(`${open}>${escapeText(checked(node.children))}</${node.name}>`);
  } else if (node.children.length === 0) {
    lines.push(`${open} />`);
  } else {
    lines.push(`${open}>`);
    for (const child of node.children) render(child, `${indent}  `, lines);
    lines.push(`${indent}</${node.name}>`);
  }
}

/** The document: declaration, the root element, a final newline. */
export function renderXml(root: XmlElement): string {
  const lines = ['<?xml version="1.0" encoding="utf-8"?>'];
  render(root, '', lines);
  return `${lines.join('\n')}\n`;
}
