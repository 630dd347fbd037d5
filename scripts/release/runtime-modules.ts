/**
 * Which packages the packaged app needs in node_modules: those the main-process bundle still imports at
 * run time (electron-vite bundles the app's own code and leaves `dependencies` external) and, from
 * package-lock.json, everything they depend on. electron-builder.yml ships only these, and
 * tests/build/packaged-modules.test.ts keeps that list equal to what this computes: a new import can
 * neither be left out (the app would not start) nor a removed one linger.
 */
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';

/**
 * The entries electron-vite builds for the main and preload processes (electron.vite.config.ts): the main
 * process, the cache's worker thread (out/main/cache-worker.js; Electron loads it from the asar archive),
 * and the preload.
 */
export const MAIN_ENTRIES = [
  'main/electron/main.ts',
  'main/core/cache/node/cache-worker.ts',
  'preload/index.ts',
];

/** Provided by the runtime itself: Electron's modules and Node's. */
const PROVIDED = new Set(['electron', ...builtinModules]);

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
export function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** The modules a file imports for their values: `import type` and type-only names import nothing. */
export function valueImports(source: string, fileName = 'file.ts'): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (clause.name === undefined &&
            clause.namedBindings !== undefined &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((element) => element.isTypeOnly)));
      if (!typeOnly) found.push(node.moduleSpecifier.text);
    } else if (
      ts.isExportDeclaration(node) &&
      !node.isTypeOnly &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      found.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      found.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

function resolveSource(root: string, from: string, specifier: string): string | null {
  const base = specifier.startsWith('@shared/')
    ? join(root, 'shared', specifier.slice('@shared/'.length))
    : resolve(dirname(from), specifier);
  const candidates = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')];
  // `./x.js` in an import names the x.ts it is compiled from.
  if (/\.[cm]?js$/.test(base)) candidates.push(base.replace(/\.([cm]?)js$/, '.$1ts'));
  // A JSON file (the message catalogues) is bundled as it is, importing nothing.
  return candidates.find((candidate) => /\.(tsx?|json)$/.test(candidate) && existsSync(candidate)) ?? null;
}

/** The external packages reachable from the entries through the app's own sources. */
export function bundleExternals(root: string, entries: readonly string[] = MAIN_ENTRIES): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const queue = entries.map((entry) => join(root, entry));
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (file.endsWith('.json')) continue;
    for (const specifier of valueImports(readFileSync(file, 'utf8'), file)) {
      if (specifier.startsWith('.') || specifier.startsWith('@shared/')) {
        const target = resolveSource(root, file, specifier);
        if (!target) throw new Error(`${file} imports ${specifier}, which resolves to no source file.`);
        queue.push(target);
        continue;
      }
      const name = packageName(specifier.replace(/^node:/, ''));
      if (!specifier.startsWith('node:') && !PROVIDED.has(name)) packages.add(name);
    }
  }
  return packages;
}

interface LockPackage {
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
  readonly dev?: boolean;
}

/**
 * `roots` and every package they depend on, as npm installed them (package-lock.json's `packages`,
 * resolved from the depending package's folder upwards as Node does), except `skip` and what is not
 * installed (an optional dependency for another platform). The result is the install locations,
 * `node_modules/a`, `node_modules/a/node_modules/b`.
 */
export function dependencyClosure(
  lockfile: { readonly packages: Readonly<Record<string, LockPackage>> },
  roots: Iterable<string>,
  skip: ReadonlySet<string> = new Set(),
): Set<string> {
  const { packages } = lockfile;
  const locate = (from: string, name: string): string | null => {
    for (let dir = from; ;) {
      const candidate = dir === '' ? `node_modules/${name}` : `${dir}/node_modules/${name}`;
      if (packages[candidate]) return candidate;
      if (dir === '') return null;
      const up = dir.lastIndexOf('/node_modules/');
      dir = up === -1 ? '' : dir.slice(0, up);
    }
  };
  const found = new Set<string>();
  const queue: string[] = [];
  for (const root of roots) {
    const location = locate('', root);
    if (!location) throw new Error(`${root} is imported by the app but not in package-lock.json.`);
    queue.push(location);
  }
  while (queue.length > 0) {
    const location = queue.pop()!;
    if (found.has(location)) continue;
    found.add(location);
    const entry = packages[location]!;
    const required = Object.keys(entry.dependencies ?? {});
    const optional = Object.keys(entry.optionalDependencies ?? {});
    for (const name of [...required, ...optional]) {
      if (skip.has(name)) continue;
      const dependency = locate(location, name);
      if (dependency) queue.push(dependency);
      else if (required.includes(name)) throw new Error(`${location} needs ${name}, which is not installed.`);
    }
  }
  return found;
}

/**
 * The folder names those packages have inside any node_modules: `a`, or `@scope` for `@scope/b`.
 * electron-builder hoists the production tree again on its own, so a package may land at another
 * depth than npm put it; names, unlike locations, do not change.
 */
export function packageFolders(locations: Iterable<string>): Set<string> {
  const folders = new Set<string>();
  for (const location of locations) {
    const name = location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length);
    folders.add(name.split('/')[0]!);
  }
  return folders;
}
