/**
 * electron-builder.yml is a valid configuration for the electron-builder the lockfile pins: checked
 * against that version's JSON schema (app-builder-lib's scheme.json, with the options electron-builder
 * validates with) and by electron-builder's own validation, alone and with everything the environment
 * can add (scripts/release/builder-config.ts), whose decisions are tested here too; and the installers
 * and the packaged app speak the client's languages, as electron-builder's own code reads the options.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Ajv from 'ajv';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { matchLanguage } from '../../shared/domain/languages';
import { LANGUAGES, SOURCE_LANGUAGE } from '../../shared/i18n/translator';
import { environmentConfig } from '../../scripts/release/builder-config';

const ROOT = join(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);

const lockfile = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string }>;
};
const config = load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, any>;
const schemaFile = require.resolve('app-builder-lib/scheme.json');
const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as object;

// The options app-builder-lib/out/util/config/schemaValidator.js compiles scheme.json with.
const validate = new Ajv({ allErrors: true, verbose: true, coerceTypes: true, strict: false }).compile(
  schema,
);

const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration: (configuration: object, debugLogger: { isEnabled: boolean }) => Promise<void>;
};

const errorsOf = (candidate: object) => {
  // ajv coerces in place: validate a copy.
  const valid = validate(structuredClone(candidate));
  return valid ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
};

/** The deep merge electron-builder applies to the configuration the dist script passes (arrays concatenated). */
function merged(base: Record<string, any>, extra: Record<string, any>): Record<string, any> {
  const result: Record<string, any> = structuredClone(base);
  for (const [key, value] of Object.entries(extra)) {
    const before = result[key];
    if (Array.isArray(before) && Array.isArray(value)) result[key] = [...before, ...value];
    else if (before && value && typeof before === 'object' && typeof value === 'object')
      result[key] = merged(before, value);
    else result[key] = value;
  }
  return result;
}

describe('electron-builder.yml', () => {
  it('is checked against the electron-builder version package-lock.json pins', () => {
    const pinned = lockfile.packages['node_modules/electron-builder']?.version;
    expect(pinned).toMatch(/^\d+\.\d+\.\d+/);
    expect(lockfile.packages['node_modules/app-builder-lib']?.version).toBe(pinned);
    const installed = JSON.parse(readFileSync(join(schemaFile, '..', 'package.json'), 'utf8')).version;
    expect(installed).toBe(pinned);
  });

  it('is valid against its JSON schema, which does refuse a wrong configuration', async () => {
    expect(errorsOf(config)).toEqual([]);
    await validateConfiguration(structuredClone(config), { isEnabled: false });
    // The schema is strict: a misspelt option and a wrong type are errors, not ignored.
    expect(errorsOf({ ...config, asarUnpak: ['x'] }).join()).toMatch(/additional properties/);
    expect(errorsOf({ ...config, nsis: { ...config['nsis'], perMachine: 'sometimes' } })).not.toEqual([]);
    await expect(
      validateConfiguration({ ...config, asarUnpak: ['x'] }, { isEnabled: false }),
    ).rejects.toThrow(/Invalid configuration object/);
  });

  it('stays valid with every addition the environment can make', async () => {
    const everything = environmentConfig({
      SESSIONDESK_UPDATE_URL: 'https://updates.example.com/sessiondesk',
      SESSIONDESK_RELEASE: '1',
      AZURE_TRUSTED_SIGNING_ENDPOINT: 'https://eus.codesigning.azure.net',
      AZURE_TRUSTED_SIGNING_ACCOUNT: 'sessiondesk',
      AZURE_TRUSTED_SIGNING_PROFILE: 'public',
      SESSIONDESK_WIN_PUBLISHER: 'Sessiondesk Ltd',
      AZURE_TENANT_ID: 't',
      AZURE_CLIENT_ID: 'c',
      AZURE_CLIENT_SECRET: 's',
    });
    const pfx = environmentConfig({
      CSC_LINK: '/certs/sessiondesk.pfx',
      SESSIONDESK_WIN_PUBLISHER: 'Sessiondesk Ltd',
    });
    for (const extra of [everything, pfx]) {
      if (!extra.ok) throw new Error(extra.reason);
      const full = merged(config, extra.config as Record<string, any>);
      expect(errorsOf(full)).toEqual([]);
      await validateConfiguration(full, { isEnabled: false });
    }
  });

  it('names the app, the sessiondesk:// protocol, only the built app and the hooks that exist', () => {
    expect(config).toMatchObject({
      appId: 'com.sessiondesk.agent',
      productName: 'Sessiondesk',
      asar: true,
      asarUnpack: ['**/*.node'],
      protocols: [{ schemes: ['sessiondesk'] }],
      publish: null,
    });
    expect(config['files'].filter((pattern: string) => !pattern.startsWith('!'))).toEqual([
      'out/**',
      'package.json',
    ]);
    // The main process electron-vite bundles is the app's entry.
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.main).toBe('out/main/main.js');
    for (const hook of [config['afterPack'], config['afterSign']])
      expect(existsSync(join(ROOT, hook))).toBe(true);
    expect(existsSync(join(ROOT, config['mac'].entitlements))).toBe(true);
    expect(existsSync(join(ROOT, config['nsis'].include))).toBe(true);
  });

  it('builds what IT deploys: DMG and zip for both Mac processors, NSIS and MSI, AppImage and deb', () => {
    const targets = (platform: string) =>
      (config[platform].target as { target: string; arch: string[] }[]).map(
        (t) => `${t.target}:${t.arch.join('+')}`,
      );
    expect(targets('mac')).toEqual(['dmg:x64+arm64', 'zip:x64+arm64']);
    expect(targets('win')).toEqual(['nsis:x64', 'msi:x64']);
    expect(targets('linux')).toEqual(['AppImage:x64', 'deb:x64']);
    expect(config['mac']).toMatchObject({ hardenedRuntime: true, notarize: false });
    expect(config['nsis']).toMatchObject({
      oneClick: false,
      perMachine: false,
      selectPerMachineByDefault: true,
    });
    expect(config['msi']).toMatchObject({ perMachine: true });
  });
});

describe('what the environment adds', () => {
  it('an update feed only when SESSIONDESK_UPDATE_URL names an http(s) address', () => {
    const none = environmentConfig({});
    expect(none).toMatchObject({ ok: true, config: {} });
    expect(environmentConfig({ SESSIONDESK_UPDATE_URL: 'https://u.example.com/sd' })).toMatchObject({
      ok: true,
      config: { publish: [{ provider: 'generic', url: 'https://u.example.com/sd' }] },
    });
    expect(environmentConfig({ SESSIONDESK_UPDATE_URL: 'ftp://u.example.com' })).toEqual({
      ok: false,
      reason: 'SESSIONDESK_UPDATE_URL must be an http(s) address: ftp://u.example.com',
    });
    expect(environmentConfig({ SESSIONDESK_UPDATE_URL: 'not a url' })).toMatchObject({ ok: false });
  });

  it('forced code signing for a release', () => {
    expect(environmentConfig({ SESSIONDESK_RELEASE: '1' })).toMatchObject({
      ok: true,
      config: { forceCodeSigning: true },
    });
    expect(environmentConfig({ SESSIONDESK_RELEASE: '0' })).toMatchObject({ ok: true, config: {} });
  });

  it('the publisher name for a .pfx certificate, which electron-builder reads from CSC_LINK itself', () => {
    expect(
      environmentConfig({ WIN_CSC_LINK: 'cert.pfx', SESSIONDESK_WIN_PUBLISHER: 'Sessiondesk Ltd' }),
    ).toMatchObject({
      config: { win: { signtoolOptions: { publisherName: 'Sessiondesk Ltd' } } },
    });
    expect(environmentConfig({ CSC_LINK: 'cert.pfx' })).toMatchObject({ ok: true, config: {} });
  });

  it('Azure Trusted Signing when fully configured, and a sentence naming what is missing otherwise', () => {
    const azure = {
      AZURE_TRUSTED_SIGNING_ENDPOINT: 'https://eus.codesigning.azure.net',
      AZURE_TRUSTED_SIGNING_ACCOUNT: 'sessiondesk',
      AZURE_TRUSTED_SIGNING_PROFILE: 'public',
      SESSIONDESK_WIN_PUBLISHER: 'Sessiondesk Ltd',
      AZURE_TENANT_ID: 't',
      AZURE_CLIENT_ID: 'c',
      AZURE_CLIENT_SECRET: 's',
    };
    expect(environmentConfig(azure)).toMatchObject({
      ok: true,
      config: {
        win: {
          azureSignOptions: {
            endpoint: 'https://eus.codesigning.azure.net',
            codeSigningAccountName: 'sessiondesk',
            certificateProfileName: 'public',
            publisherName: 'Sessiondesk Ltd',
          },
        },
      },
    });
    expect(environmentConfig({ AZURE_TRUSTED_SIGNING_ENDPOINT: 'https://x' })).toEqual({
      ok: false,
      reason:
        'Azure Trusted Signing needs AZURE_TRUSTED_SIGNING_ACCOUNT, AZURE_TRUSTED_SIGNING_PROFILE, SESSIONDESK_WIN_PUBLISHER too.',
    });
    expect(environmentConfig({ ...azure, AZURE_CLIENT_SECRET: '' })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/AZURE_CLIENT_SECRET missing/),
    });
    expect(environmentConfig({ ...azure, CSC_LINK: 'cert.pfx' })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/keep one/),
    });
  });
});

/** The client's language a locale name stands for ("pt_BR" is pt), or null. */
const clientLanguage = (locale: string) => matchLanguage(locale);

describe('the languages of the installers and the packaged app', () => {
  // electron-builder's NSIS language handling, as its NSIS target uses it.
  const nsisLang = require('app-builder-lib/out/targets/nsis/nsisLang.js') as {
    LangConfigurator: new (options: object) => { isMultiLang: boolean; langs: string[] };
    createAddLangsMacro: (
      generator: { macro: (name: string, lines: string[]) => void },
      configurator: { langs: string[] },
    ) => void;
  };
  const { lcid, toLangWithRegion } = require('app-builder-lib/out/util/langs.js') as {
    lcid: Record<string, number>;
    toLangWithRegion: (lang: string) => string;
  };

  it('one NSIS installer in each of the client’s languages, as NSIS names them, with their LCIDs', () => {
    const configurator = new nsisLang.LangConfigurator(config['nsis']);
    expect(configurator.isMultiLang).toBe(true);
    // Each installer language is one of the client's, and each of the client's has one.
    expect(configurator.langs.map(clientLanguage).sort()).toEqual([...LANGUAGES].sort());
    const macros: string[] = [];
    nsisLang.createAddLangsMacro({ macro: (_name, lines) => macros.push(...lines) }, configurator);
    expect(macros.map((line) => /MUI_LANGUAGE "(\w+)"/.exec(line)?.[1])).toEqual([
      'English',
      'German',
      'SpanishInternational',
      'French',
      // The client's Portuguese is Brazil's (the glossary's seeds), not Portugal's.
      'PortugueseBR',
      'SimpChinese',
      'TradChinese',
    ]);
    for (const lang of configurator.langs) expect(lcid[lang], lang).toEqual(expect.any(Number));
    // English first: NSIS falls back to the first language when Windows speaks none of them.
    expect(configurator.langs[0]).toBe('en_US');
  });

  it('the assisted installer’s own pages translated by electron-builder into each of them', () => {
    const messages = load(
      readFileSync(require.resolve('app-builder-lib/templates/nsis/assistedMessages.yml'), 'utf8'),
    ) as Record<string, Record<string, string>>;
    const { langs } = new nsisLang.LangConfigurator(config['nsis']);
    expect(config['nsis'].oneClick).toBe(false);
    for (const [id, translations] of Object.entries(messages)) {
      const translated = new Set(Object.keys(translations).map(toLangWithRegion));
      expect(
        langs.filter((lang) => !translated.has(lang)),
        id,
      ).toEqual([]);
    }
  });

  it('Electron’s locales kept for the client’s languages only', () => {
    const kept = config['electronLanguages'] as string[];
    expect(kept.map(clientLanguage).sort()).toEqual([...LANGUAGES].sort());
  });

  it('the macOS app declaring the same localizations, English as its development region', () => {
    const info = config['mac'].extendInfo as Record<string, unknown>;
    expect(info['CFBundleDevelopmentRegion']).toBe(SOURCE_LANGUAGE);
    const declared = info['CFBundleLocalizations'] as string[];
    expect(declared.map(clientLanguage).sort()).toEqual([...LANGUAGES].sort());
    // The same languages, region for region, as the Electron locales the app keeps (pt is Brazil's).
    expect(declared.map(clientLanguage).sort()).toEqual(
      (config['electronLanguages'] as string[]).map(clientLanguage).sort(),
    );
    expect(declared).toContain('pt-BR');
  });
});
