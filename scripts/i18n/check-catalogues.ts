/**
 * What `npm run i18n:check` verifies: every language has every message of the English source and no
 * other, with the same placeholders of the same kinds; every message is valid ICU MessageFormat; every
 * English message is used by the code (a literal id, or a template such as `status.${status}.label`).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  areas,
  languages,
  placeholders,
  readCatalog,
  SOURCE_LANGUAGE,
  type CatalogFile,
} from './catalog-files';

export interface CheckOptions {
  readonly catalogsDir: string;
  /** Folders whose .ts/.tsx files use the messages. */
  readonly sourceDirs: readonly string[];
  /** Paths in problems are relative to this folder. */
  readonly root: string;
}

const SKIPPED_FOLDERS = new Set(['node_modules', 'generated', 'catalogs']);

export function checkCatalogues({ catalogsDir, sourceDirs, root }: CheckOptions): string[] {
  const problems: string[] = [];
  const problem = (where: string, what: string) => problems.push(`${relative(root, where)}: ${what}`);
  const placeholdersOf = (file: CatalogFile, id: string) => {
    try {
      return describe(placeholders(file.messages[id]!));
    } catch (error) {
      problem(file.path, `${id} is not valid ICU MessageFormat: ${(error as Error).message}`);
      return null;
    }
  };

  // The source language: ids unique across areas, valid syntax.
  const sourceAreas = areas(SOURCE_LANGUAGE, catalogsDir);
  const source = new Map(sourceAreas.map((area) => [area, readCatalog(SOURCE_LANGUAGE, area, catalogsDir)]));
  const areaOf = new Map<string, string>();
  const sourcePlaceholders = new Map<string, string | null>();
  for (const file of source.values()) {
    for (const id of Object.keys(file.messages)) {
      const other = areaOf.get(id);
      if (other) problem(file.path, `${id} is also in ${other}.json: an id belongs to one area`);
      areaOf.set(id, file.area);
      sourcePlaceholders.set(id, placeholdersOf(file, id));
    }
  }

  // Every other language: the same areas, ids and placeholders.
  for (const language of languages(catalogsDir).filter((l) => l !== SOURCE_LANGUAGE)) {
    const present = areas(language, catalogsDir);
    for (const area of sourceAreas) {
      if (!present.includes(area)) {
        problem(join(catalogsDir, language), `${area}.json is missing: copy it from en/ and translate it`);
        continue;
      }
      const file = readCatalog(language, area, catalogsDir);
      const english = source.get(area)!.messages;
      for (const id of Object.keys(english)) {
        if (file.messages[id] === undefined) {
          problem(file.path, `${id} is missing (English: "${english[id]}")`);
          continue;
        }
        if (file.messages[id].trim() === '') problem(file.path, `${id} is empty`);
        const want = sourcePlaceholders.get(id);
        const got = placeholdersOf(file, id);
        if (want !== null && want !== undefined && got !== null && got !== want) {
          problem(file.path, `${id} has placeholders ${got}; English has ${want}`);
        }
      }
      for (const id of Object.keys(file.messages)) {
        if (!(id in english)) problem(file.path, `${id} is not in en/${area}.json: remove it`);
      }
    }
    for (const area of present.filter((a) => !sourceAreas.includes(a))) {
      problem(join(catalogsDir, language, `${area}.json`), `there is no en/${area}.json`);
    }
  }

  // Every English message is used by the code.
  const code = sourceDirs.flatMap((dir) => sourceFiles(dir)).map((path) => readFileSync(path, 'utf8'));
  const used = usage(code.join('\n'));
  for (const [id, area] of areaOf) {
    if (!used(id))
      problem(join(catalogsDir, SOURCE_LANGUAGE, `${area}.json`), `${id} is not used by the code: remove it`);
  }
  return problems;
}

function describe(found: Map<string, string>): string {
  return (
    [...found]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, kind]) => `{${name}: ${kind}}`)
      .join(' ') || 'none'
  );
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (SKIPPED_FOLDERS.has(name)) return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/**
 * Whether the code names an id: as a quoted literal, or through a template literal made of id characters
 * and `${…}` parts after a literal start (`error.${code}` uses every `error.*` id).
 */
function usage(code: string): (id: string) => boolean {
  const literals = new Set([...code.matchAll(/(['"`])([A-Za-z0-9_.-]+)\1/g)].map((m) => m[2]));
  const templates = [...code.matchAll(/`((?:[A-Za-z0-9_.-]|\$\{[^}`]*\})+)`/g)]
    .map((m) => m[1]!)
    // A template that names ids starts with a literal part holding a dot ("error." in `error.${code}`);
    // one that starts with a value (`${a}.${b}`) could be anything and is not counted.
    .filter((template) => template.includes('${') && /^[A-Za-z0-9_-]+\./.test(template))
    .map((template) => {
      const parts = template.split(/\$\{[^}]*\}/).map((part) => part.replace(/\./g, '\\.'));
      return new RegExp(`^${parts.join('[A-Za-z0-9_.-]+')}$`);
    });
  return (id) => literals.has(id) || templates.some((pattern) => pattern.test(id));
}
