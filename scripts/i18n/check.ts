/**
 * `npm run i18n:check`, run by `npm test`: the catalogues are complete, consistent and used
 * (check-catalogues.ts), and shared/i18n/generated/ is current. Prints each problem with its file and
 * exits 1 if there is any.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CATALOGS_DIR, GENERATED_DIR, languages, ROOT } from './catalog-files';
import { checkCatalogues } from './check-catalogues';
import { generatedFiles } from './generate';

const problems = checkCatalogues({
  catalogsDir: CATALOGS_DIR,
  sourceDirs: ['renderer', 'main', 'preload', 'server', 'shared'].map((dir) => join(ROOT, dir)),
  root: ROOT,
});
for (const [name, text] of Object.entries(await generatedFiles())) {
  const path = join(GENERATED_DIR, name);
  let current = '';
  try {
    current = readFileSync(path, 'utf8');
  } catch {
    // Missing: out of date too.
  }
  if (current !== text) problems.push(`${relative(ROOT, path)}: out of date — run npm run i18n:generate`);
}

if (problems.length > 0) {
  console.error(problems.join('\n'));
  console.error(`\ni18n: ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
  process.exit(1);
}
console.log(`i18n: ${languages().length} languages, every catalogue complete, consistent and used`);
