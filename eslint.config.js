// Lint, and the project's layering, enforced as VS Code does: each process's code stays in its folder
// and dependencies point inward (renderer → IPC contract ← main core → shared domain).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const PROCESSES = ['shared', 'main', 'preload', 'renderer', 'server'];

/** A zone forbidding `target` to import from each of `from`, with the reason. */
const zone = (target, from, message) => ({ target: `./${target}`, from: from.map((f) => `./${f}`), message });

const others = (self, allowed = []) =>
  [...PROCESSES, 'tests', 'scripts'].filter((p) => p !== self && !allowed.includes(p));

/** The programs that run the core: Electron, the browser shell (plain Node), the web console (a browser). */
const HOSTS = ['main/electron', 'main/browser-shell', 'main/web-console'];

const layering = [
  zone('shared', others('shared'), 'shared/ is pure domain code and imports nothing outside itself.'),
  zone(
    'renderer',
    others('renderer', ['shared']),
    'The renderer reaches the main process only through the IPC contract in shared/.',
  ),
  zone(
    'preload',
    others('preload', ['shared']),
    'The preload exposes the IPC contract in shared/ and nothing else.',
  ),
  zone('main', others('main', ['shared']), 'The main process imports only shared/ and itself.'),
  zone('server', others('server', ['shared']), 'The service imports only shared/ and itself.'),
  zone(
    'main/core',
    HOSTS,
    'The main-process core does not depend on the hosts that run it: they inject its platform seams.',
  ),
  zone(
    'main/node',
    ['main/core', ...HOSTS],
    'main/node/ is the plain-Node layer the hosts share: it depends on no host and not on the core.',
  ),
  // Hosts share through a lower layer (main/core/, main/node/, shared/), never through each other.
  ...HOSTS.map((host) =>
    zone(
      host,
      HOSTS.filter((other) => other !== host),
      'A host does not import another host: move what they share to main/node/ (plain Node) or main/core/.',
    ),
  ),
  zone(
    'main/web-console',
    ['main/node'],
    'The web console runs in a browser: main/node/ is plain Node, for the node hosts only.',
  ),
];

/** Packages that only work in Node or Electron's main process. */
const NODE_ONLY = [
  'electron',
  'better-sqlite3',
  'ws',
  'fastify',
  '@fastify/*',
  'pino',
  'pino-*',
  'nodemailer',
  'smtp-server',
];

const restrict = (patterns, paths = []) => ['error', { paths, patterns }];

/** What no file of main/ but Electron's glue imports (main/**'s rule; blocks that refine it repeat it). */
const MAIN_PATTERNS = [
  { group: ['react', 'react-dom', 'react/*', 'react-dom/*'], message: 'The main process has no UI.' },
];
const MAIN_PATHS = [
  {
    name: 'electron',
    message: 'Only main/electron/ (the thin Electron glue) may import electron; the core runs in plain Node.',
  },
];

/** An import of a `node/` or `browser/` folder's file: a platform seam's implementation for one host. */
const seamFolder = (kind) => ({
  regex: `(^|/)${kind}/`,
  message: `The core's common code runs on every host: it takes the ${kind} implementation through its platform seams (main/core/platform/), injected by the host.`,
});

/** Packages that work only in Node: the core's common code must run in the web console's Worker too. */
const NODE_PACKAGES = [
  {
    group: ['better-sqlite3', 'ws', 'plist'],
    message:
      "Node-only packages belong in a node/ folder (the core's common code also runs in the web console's Worker).",
  },
];

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      '.data/**',
      // Throwaway measurements with their own install and tsconfig (scripts/spikes/postgres/README.md).
      'scripts/spikes/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: {
      // How import-x parses the TypeScript files it follows (no-cycle needs it).
      'import-x/extensions': importX.flatConfigs.typescript.settings['import-x/extensions'],
      'import-x/parsers': importX.flatConfigs.typescript.settings['import-x/parsers'],
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: ['tsconfig.json', '*/tsconfig.json'],
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { zones: layering }],
      'import-x/no-self-import': 'error',
      'import-x/no-duplicates': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: globals.node,
    },
  },
  {
    files: ['shared/**'],
    rules: {
      'import-x/no-nodejs-modules': 'error',
      'no-restricted-imports': restrict([
        {
          regex: '^(?!zod$|@formatjs/intl$|@formatjs/icu-messageformat-parser$|@shared/|\\.{1,2}/)',
          message:
            'shared/ is pure TypeScript: it imports only itself, zod, and FormatJS (the i18n library every process shares).',
        },
      ]),
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'process',
        'Buffer',
        'require',
        'navigator',
        'localStorage',
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Domain rules take the time as an argument.',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Domain rules take the time as an argument.',
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'Domain rules are deterministic.',
        },
      ],
    },
  },
  {
    files: ['renderer/**', 'preload/**'],
    languageOptions: { globals: globals.browser },
    rules: {
      'import-x/no-nodejs-modules': 'error',
    },
  },
  {
    files: ['renderer/**'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': restrict([
        {
          group: NODE_ONLY,
          message:
            'The renderer runs in a sandboxed browser page; it reaches Node only through the IPC contract.',
        },
      ]),
    },
  },
  {
    files: ['main/**', 'server/**', 'scripts/**', 'tests/**', '*.config.ts'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['main/**'],
    ignores: ['main/electron/**'],
    rules: {
      'no-restricted-imports': restrict(MAIN_PATTERNS, MAIN_PATHS),
    },
  },
  {
    // The core's common code: runs in Electron's main process, the browser shell's Node and the web
    // console's Worker alike, so it reaches Node only through the seams a host injects.
    name: 'sessiondesk/core-common-code',
    files: ['main/core/**'],
    ignores: ['main/core/**/node/**', 'main/core/**/browser/**'],
    rules: {
      'import-x/no-nodejs-modules': 'error',
      'no-restricted-imports': restrict(
        [...MAIN_PATTERNS, ...NODE_PACKAGES, seamFolder('node'), seamFolder('browser')],
        MAIN_PATHS,
      ),
    },
  },
  {
    name: 'sessiondesk/core-browser-code',
    files: ['main/core/**/browser/**'],
    languageOptions: { globals: globals.browser },
    rules: {
      'import-x/no-nodejs-modules': 'error',
      'no-restricted-imports': restrict([...MAIN_PATTERNS, ...NODE_PACKAGES, seamFolder('node')], MAIN_PATHS),
    },
  },
  {
    name: 'sessiondesk/core-node-code',
    files: ['main/core/**/node/**'],
    rules: {
      'no-restricted-imports': restrict([...MAIN_PATTERNS, seamFolder('browser')], MAIN_PATHS),
    },
  },
  {
    // The web console's Worker entry and page bridge: a browser's code, the core's common code and shared/.
    name: 'sessiondesk/web-console',
    files: ['main/web-console/**'],
    languageOptions: { globals: globals.browser },
    rules: {
      'import-x/no-nodejs-modules': 'error',
      'no-restricted-imports': restrict([...MAIN_PATTERNS, ...NODE_PACKAGES, seamFolder('node')], MAIN_PATHS),
    },
  },
  {
    files: ['server/**'],
    rules: {
      'no-restricted-imports': restrict([
        {
          group: ['electron', 'react-dom/client', 'zustand'],
          message: 'The service imports only shared/ and itself (React only to render HTML on the server).',
        },
      ]),
    },
  },
  {
    files: ['tests/**'],
    rules: {
      // Tests build fixtures loosely and assert on them; the type-aware strictness buys little there.
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Response bodies are read as `any` and asserted on: the assertion is the check.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  prettier,
);
