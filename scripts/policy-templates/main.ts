/**
 * `npm run policy-templates`: writes the deployment templates (see generate.ts) into build/policies/
 * and the policy table into docs/deployment.md. `-- --check` writes nothing and exits 1 when any file
 * is out of date.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { policyTemplateFiles } from './generate';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const check = process.argv.includes('--check');

const stale: string[] = [];
for (const file of await policyTemplateFiles(root)) {
  const target = join(root, file.path);
  const current = await readFile(target, 'utf8').catch(() => null);
  if (current === file.content) continue;
  stale.push(file.path);
  if (check) continue;
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, file.content);
  console.log(`wrote ${file.path}`);
}
if (check && stale.length > 0) {
  console.error(`Out of date (run npm run policy-templates): ${stale.join(', ')}`);
  process.exit(1);
}
if (stale.length === 0) console.log('The policy templates are up to date.');
