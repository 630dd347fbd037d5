/**
 * `npm run i18n:check`, run by `npm test`: every language has every message of the English source and no
 * other, with the same placeholders of the same kinds; every message is valid ICU; every message is used
 * by the code (a literal id, or a template such as `status.${status}.label`); the generated files are
 * current. Prints each problem with its file, and exits 1 if there is any.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { generatedFiles } from './generate';
import {
  areas,
  GENERATED_DIR,
  languages,
  placeholders,
  readCatalog,
  ROOT,
  SOURCE_LANGUAGE,
} from './catalog-files';

const problems: string[] = [];
const problem = (where: string, what: string) => problems.push(`${relative(ROOT, where)}: ${what}`);

function placeholdersOf(path: string, id: string, message: string) {
  try {
    return placeholders(message);
  } catch (error) {
    problem(path, `${id}: not valid ICU MessageFormat (${(error as Error).message})`);
    return null;
  }
}

const describe = (map: Map<string, string>) =>
  [...map]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, kind]) => `{${name}: ${kind}}`)
    .join(' ') || 'none';

// 1. Completeness, placeholders and syntax, against the source language.
const sourceAreas = areas(SOURCE_LANGUAGE);
const source = new Map(sourceAreas.map((area) => [area, readCatalog(SOURCE_LANGUAGE, area)]));
const sourceIds = new Map<string, string>();
for (const file of source.values()) {
  for (const [id, message] of Object.entries(file.messages)) {
    const other = sourceIds.get(id);
    if (other) problem(file.path, `${id} is also in ${other}.json: an id belongs to one area`);
    sourceIds.set(id, file.area);
    placeholdersOf(file.path, id, message);
  }
}
for (const language of languages()) {
  if (language === SOURCE_LANGUAGE) continue;
  const present = areas(language);
  for (const area of sourceAreas) {
    if (!present.includes(area)) {
      problem(
        join('shared/i18n/catalogs', language),
        `${area}.json is missing (copy it from en/ and translate it)`,
      );
      continue;
    }
    const file = readCatalog(language, area);
    const expected = source.get(area)!.messages;
    for (const [id, english] of Object.entries(expected)) {
      const message = file.messages[id];
      if (message === undefined) {
        problem(file.path, `${id} is missing (English: "${english}")`);
        continue;
      }
      if (message.trim() === '') problem(file.path, `${id} is empty`);
      const want = placeholdersOf(source.get(area)!.path, id, english);
      const got = placeholdersOf(file.path, id, message);
      if (want && got && describe(want) !== describe(got)) {
        problem(file.path, `${id} has placeholders ${describe(got)}; English has ${describe(want)}`);
      }
    }
    for (const id of Object.keys(file.messages)) {
      if (!(id in expected)) problem(file.path, `${id} is not in the English ${area}.json: remove it`);
    }
  }
  for (const area of present) {
    if (!sourceAreas.includes(area))
      problem(join('shared/i18n/catalogs', language, `${area}.json`), 'no such English area');
  }
}

// 2. Every message is used by the code.
const SOURCE_DIRS = ['renderer', 'main', 'preload', 'server', 'shared'];
const SKIP = new Set(['node_modules', 'generated', 'catalogs']);
const code: string[] = [];
const walk = (dir: string) => {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (/\.(ts|tsx)$/.test(name) && !/\.d\.ts$/.test(name)) code.push(readFileSync(path, 'utf8'));
  }
};
for (const dir of SOURCE_DIRS) walk(join(ROOT, dir));
const all = code.join('\n');
const literals = new Set([...all.matchAll(/(['"`])([A-Za-z0-9_.-]+)\1/g)].map((m) => m[2]));
const templates = [...all.matchAll(/`([A-Za-z0-9_.-]*\$\{[^`]*)`/g)]
  .map((m) => m[1]!)
  .filter((t) => /^[A-Za-z0-9_.-]*(\$\{[^}]*\}[A-Za-z0-9_.-]*)+$/.test(t))
  .map(
    (t) =>
      new RegExp(
        `^${t
          .split(/\$\{[^}]*\}/)
          .map((part) => part.replace(/\./g, '\\.'))
          .join('[A-Za-z0-9_-]+')}$`,
      ),
  );
for (const [id, area] of sourceIds) {
  if (!literals.has(id) && !templates.some((pattern) => pattern.test(id))) {
    problem(
      join('shared/i18n/catalogs', SOURCE_LANGUAGE, `${area}.json`),
      `${id} is not used by the code: remove it`,
    );
  }
}

// 3. The generated files are current.
for (const [name, text] of Object.entries(await generatedFiles())) {
  let current = '';
  try {
    current = readFileSync(join(GENERATED_DIR, name), 'utf8');
  } catch {
    // missing: reported below
  }
  if (current !== text) problem(join(GENERATED_DIR, name), 'out of date: run npm run i18n:generate');
}

if (problems.length > 0) {
  console.error(problems.join('\n'));
  console.error(`\ni18n: ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
  process.exit(1);
}
console.log(`i18n: ${languages().length} languages × ${sourceIds.size} messages, complete and used`);
