/**
 * The catalogues on disk (`shared/i18n/catalogs/<language>/<area>.json`) and what their messages need:
 * read by `npm run i18n:generate` and `npm run i18n:check`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';

export const ROOT = join(import.meta.dirname, '..', '..');
export const CATALOGS_DIR = join(ROOT, 'shared', 'i18n', 'catalogs');
export const GENERATED_DIR = join(ROOT, 'shared', 'i18n', 'generated');
export const SOURCE_LANGUAGE = 'en';

export interface CatalogFile {
  readonly language: string;
  readonly area: string;
  readonly path: string;
  readonly messages: Readonly<Record<string, string>>;
}

/** Every language folder: the source language first, then by tag. */
export function languages(catalogsDir = CATALOGS_DIR): string[] {
  const found = readdirSync(catalogsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return [SOURCE_LANGUAGE, ...found.filter((tag) => tag !== SOURCE_LANGUAGE)];
}

export function areas(language: string, catalogsDir = CATALOGS_DIR): string[] {
  return readdirSync(join(catalogsDir, language))
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.slice(0, -'.json'.length))
    .sort();
}

export function readCatalog(language: string, area: string, catalogsDir = CATALOGS_DIR): CatalogFile {
  const path = join(catalogsDir, language, `${area}.json`);
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${path}: a catalogue is one JSON object of id → message`);
  }
  for (const [id, message] of Object.entries(parsed)) {
    if (typeof message !== 'string') throw new Error(`${path}: ${id} is not a string`);
  }
  return { language, area, path, messages: parsed as Record<string, string> };
}

/**
 * What a placeholder must be given: any text or number, a number (plural, number), a date, or one of a
 * select's keys (a translation that printed the key instead of choosing by it would show "invite").
 */
export type PlaceholderKind = 'text' | 'number' | 'date' | 'select';

/** The placeholders of a message with the kind each needs; throws on invalid ICU syntax. */
export function placeholders(message: string): Map<string, PlaceholderKind> {
  const found = new Map<string, PlaceholderKind>();
  const walk = (elements: readonly MessageFormatElement[]) => {
    for (const element of elements) {
      switch (element.type) {
        case TYPE.argument:
          if (!found.has(element.value)) found.set(element.value, 'text');
          break;
        case TYPE.number:
          found.set(element.value, 'number');
          break;
        case TYPE.date:
        case TYPE.time:
          found.set(element.value, 'date');
          break;
        case TYPE.plural:
          found.set(element.value, 'number');
          for (const option of Object.values(element.options)) walk(option.value);
          break;
        case TYPE.select:
          found.set(element.value, 'select');
          for (const option of Object.values(element.options)) walk(option.value);
          break;
        case TYPE.tag:
          throw new Error(`tags (<${element.value}>) are not used: messages are plain text`);
        default:
          break;
      }
    }
  };
  walk(parse(message, { requiresOtherClause: true }));
  return found;
}
