// The catalogue check finds each kind of problem it promises to, on catalogues written for the test.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkCatalogues } from '../../scripts/i18n/check-catalogues';

let root = '';
afterEach(() => rmSync(root, { recursive: true, force: true }));

function project(catalogs: Record<string, Record<string, Record<string, string>>>, code: string) {
  root = mkdtempSync(join(tmpdir(), 'i18n-check-'));
  for (const [language, areas] of Object.entries(catalogs)) {
    for (const [area, messages] of Object.entries(areas)) {
      mkdirSync(join(root, 'catalogs', language), { recursive: true });
      writeFileSync(join(root, 'catalogs', language, `${area}.json`), JSON.stringify(messages));
    }
  }
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'src', 'app.ts'), code);
  return checkCatalogues({ catalogsDir: join(root, 'catalogs'), sourceDirs: [join(root, 'src')], root });
}

const english = {
  'app.title': 'Session requests',
  'app.count': '{n, plural, one {# request} other {# requests}}',
  'app.greeting': 'Hello {name}',
};
const uses = `t('app.title'); t("app.count", { n }); t(\`app.greeting\`, { name });`;

describe('i18n:check', () => {
  it('passes complete, consistent, used catalogues', () => {
    const spanish = {
      'app.title': 'Solicitudes de sesión',
      'app.count': '{n, plural, one {# solicitud} other {# solicitudes}}',
      'app.greeting': 'Hola, {name}',
    };
    expect(project({ en: { app: english }, es: { app: spanish } }, uses)).toEqual([]);
  });

  it('reports a missing message, a missing area, an extra message and an empty one', () => {
    const problems = project(
      {
        en: { app: english, more: { 'more.x': 'X' } },
        es: { app: { 'app.title': '', 'app.count': '{n, plural, other {#}}', 'app.old': 'viejo' } },
      },
      `${uses} t('more.x')`,
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/catalogs\/es: more\.json is missing/),
        expect.stringMatching(/es\/app\.json: app\.greeting is missing \(English: "Hello \{name\}"\)/),
        expect.stringMatching(/es\/app\.json: app\.title is empty/),
        expect.stringMatching(/es\/app\.json: app\.old is not in en\/app\.json/),
      ]),
    );
    expect(problems).toHaveLength(4);
  });

  it('reports placeholders that differ in name or kind', () => {
    const problems = project(
      {
        en: { app: english },
        es: {
          app: {
            'app.title': 'Solicitudes {extra}',
            'app.count': '{n} solicitudes',
            'app.greeting': 'Hola, {nombre}',
          },
        },
      },
      uses,
    );
    expect(problems).toEqual([
      'catalogs/es/app.json: app.title has placeholders {extra: text}; English has none',
      'catalogs/es/app.json: app.count has placeholders {n: text}; English has {n: number}',
      'catalogs/es/app.json: app.greeting has placeholders {nombre: text}; English has {name: text}',
    ]);
  });

  it('reports a select printed as plain text', () => {
    const catalogs = {
      en: { app: { 'app.via': '{name}, {via, select, invite {invited} other {joined}}' } },
      es: { app: { 'app.via': '{name}, {via}' } },
    };
    expect(project(catalogs, 't("app.via")')).toEqual([
      'catalogs/es/app.json: app.via has placeholders {name: text} {via: text}; English has {name: text} {via: select}',
    ]);
  });

  it('reports invalid ICU syntax, a plural without other, and tags', () => {
    const problems = project(
      {
        en: { app: { ...english, 'app.title': 'Session {requests' } },
        es: {
          app: {
            'app.title': 'x',
            'app.count': '{n, plural, one {#}}',
            'app.greeting': '<b>Hola</b> {name}',
          },
        },
      },
      uses,
    );
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/en\/app\.json: app\.title is not valid ICU MessageFormat/);
    expect(problems[1]).toMatch(/es\/app\.json: app\.count is not valid ICU MessageFormat/);
    expect(problems[2]).toMatch(/es\/app\.json: app\.greeting is not valid ICU MessageFormat: tags/);
  });

  it('reports an id in two areas and an id the code does not use', () => {
    const problems = project(
      { en: { app: english, other: { 'app.title': 'Again', 'other.unused': 'U' } } },
      uses,
    );
    expect(problems).toEqual([
      'catalogs/en/other.json: app.title is also in app.json: an id belongs to one area',
      'catalogs/en/other.json: other.unused is not used by the code: remove it',
    ]);
  });

  it('counts ids used through a template with a literal start, not through one that starts with a value', () => {
    const catalogs = { en: { app: { 'status.open': 'Open', 'status.ready': 'Ready', 'x.y': 'Z' } } };
    expect(project(catalogs, 't(`status.${status}`); t(`${a}.${b}`); t("x.y")')).toEqual([]);
    expect(project(catalogs, 't(`${a}.${b}`); t("x.y")')).toHaveLength(2);
  });
});
