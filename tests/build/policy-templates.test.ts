/**
 * The deployment templates generated from the policy definitions: the committed files are exactly what
 * the generator produces now (so they cannot drift), the ADMX/ADML are well-formed XML that list every
 * policy under the key the registry reader reads, and the profile and the JSON example are read by the
 * client's own readers into every policy without a warning.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parse as parsePlist } from 'plist';
import { describe, expect, it } from 'vitest';
import {
  POLICY_DEFINITIONS,
  POLICY_NAMES,
  type PolicyDefinition,
} from '../../main/core/settings/policy-definitions';
import { LINUX_POLICY_FILE, parseJsonPolicy } from '../../main/core/settings/node/policy-json';
import { parsePlistPolicy } from '../../main/core/settings/node/policy-macos';
import { normalizePolicy } from '../../main/core/settings/policy-normalize';
import { WINDOWS_POLICY_KEY } from '../../main/core/settings/node/policy-windows';
import { admxKey, buildGroupPolicyTemplates, integerRange } from '../../scripts/policy-templates/admx';
import { exampleValue, exampleValues } from '../../scripts/policy-templates/facts';
import { policyTemplateFiles, readAppIdentity } from '../../scripts/policy-templates/generate';
import { stableUuid } from '../../scripts/policy-templates/mobileconfig';
import { spliceTable, TABLE_END, TABLE_START } from '../../scripts/policy-templates/policy-table';
import { element, escapeAttribute, renderXml } from '../../scripts/policy-templates/xml';

const ROOT = join(import.meta.dirname, '..', '..');
const read = (path: string) => readFile(join(ROOT, path), 'utf8');

/** Elements that may repeat, so the parser always gives arrays for them. */
const LISTS = new Set(['policy', 'string', 'item', 'presentation', 'category', 'definition']);
const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => LISTS.has(name),
  parseTagValue: false,
  parseAttributeValue: false,
});

function wellFormed(text: string): void {
  const result = XMLValidator.validate(text);
  expect(result === true ? 'valid' : result.err).toBe('valid');
}

describe('the committed templates', () => {
  it('are what npm run policy-templates produces from the definitions now', async () => {
    const files = await policyTemplateFiles(ROOT);
    expect(files.map((file) => file.path)).toEqual([
      'build/policies/windows/Sessiondesk.admx',
      'build/policies/windows/en-US/Sessiondesk.adml',
      'build/policies/macos/com.sessiondesk.agent.mobileconfig',
      'build/policies/linux/policy.json',
      'docs/deployment.md',
    ]);
    for (const file of files) {
      // A difference means a definition changed without `npm run policy-templates`.
      expect(await read(file.path), file.path).toBe(file.content);
    }
  });

  it('take the macOS domain and the product name from electron-builder.yml', async () => {
    expect(await readAppIdentity(ROOT)).toEqual({
      appId: 'com.sessiondesk.agent',
      productName: 'Sessiondesk',
    });
  });
});

describe('the Windows ADMX and ADML', () => {
  const key = 'SOFTWARE\\Policies\\Sessiondesk\\Agent';

  it('write under the key the registry reader reads, as machine policies', async () => {
    expect(admxKey(WINDOWS_POLICY_KEY)).toBe(key);
    expect(() => admxKey('HKCU\\Software\\Policies\\X')).toThrow(/HKLM/);
    const admx = await read('build/policies/windows/Sessiondesk.admx');
    wellFormed(admx);
    const policies = xml.parse(admx).policyDefinitions.policies.policy as any[];
    expect(policies.map((policy) => policy.name)).toEqual(POLICY_NAMES);
    for (const policy of policies) {
      expect(policy.key).toBe(key);
      expect(policy.class).toBe('Machine');
      expect(policy.parentCategory.ref).toBe('Sessiondesk');
    }
  });

  it('store each type as the reader coerces it: text, enum, DWORD 1/0, decimal, REG_MULTI_SZ', async () => {
    const admx = xml.parse(await read('build/policies/windows/Sessiondesk.admx'));
    const byName = new Map((admx.policyDefinitions.policies.policy as any[]).map((p) => [p.name, p]));
    for (const definition of POLICY_DEFINITIONS) {
      const policy = byName.get(definition.name);
      const { name } = definition;
      switch (definition.type) {
        case 'boolean':
          expect(policy.valueName).toBe(name);
          expect(policy.enabledValue.decimal.value).toBe('1');
          expect(policy.disabledValue.decimal.value).toBe('0');
          break;
        case 'integer': {
          const { min, max } = integerRange(definition);
          expect(policy.elements.decimal).toMatchObject({
            valueName: name,
            minValue: String(min),
            maxValue: String(max),
          });
          break;
        }
        case 'string-list':
          // multiText writes a REG_MULTI_SZ value; `list` would write a subkey the reader ignores.
          expect(policy.elements.multiText.valueName).toBe(name);
          break;
        case 'string':
          if ('choices' in definition && definition.choices) {
            const items = policy.elements.enum.item as any[];
            expect(policy.elements.enum.valueName).toBe(name);
            expect(items.map((item) => item.value.string[0])).toEqual(definition.choices);
          } else {
            expect(policy.elements.text.valueName).toBe(name);
          }
      }
    }
  });

  it('have a string and a presentation for every reference the ADMX makes', async () => {
    const admxText = await read('build/policies/windows/Sessiondesk.admx');
    const admlText = await read('build/policies/windows/en-US/Sessiondesk.adml');
    wellFormed(admlText);
    const adml = xml.parse(admlText).policyDefinitionResources.resources;
    const strings = new Map((adml.stringTable.string as any[]).map((s) => [s.id, s['#text']]));
    const presentations = new Set((adml.presentationTable.presentation as any[]).map((p) => p.id));
    const stringRefs = [...admxText.matchAll(/\$\(string\.([^)]+)\)/g)].map((match) => match[1]!);
    const presentationRefs = [...admxText.matchAll(/\$\(presentation\.([^)]+)\)/g)].map((match) => match[1]!);
    expect(stringRefs.length).toBeGreaterThan(POLICY_DEFINITIONS.length);
    for (const ref of stringRefs) expect(strings.has(ref), ref).toBe(true);
    for (const ref of presentationRefs) expect(presentations.has(ref), ref).toBe(true);
    for (const definition of POLICY_DEFINITIONS) {
      const explain = strings.get(`${definition.name}_Explain`) as string;
      expect(explain).toContain(definition.description);
      expect(explain).toContain(`${WINDOWS_POLICY_KEY}\\${definition.name}`);
    }
  });

  it('escape what IT text may hold', () => {
    const { admx, adml } = buildGroupPolicyTemplates({
      definitions: POLICY_DEFINITIONS,
      registryKey: WINDOWS_POLICY_KEY,
      productName: 'Support & <Co> "Desk"',
    });
    wellFormed(admx);
    wellFormed(adml);
    expect(xml.parse(adml).policyDefinitionResources.displayName).toBe('Support & <Co> "Desk"');
    expect(escapeAttribute('a"b\nc')).toBe('a&quot;b&#10;c');
    expect(() => renderXml(element('x', {}, 'bell \u0007'))).toThrow(/cannot hold/);
    expect(() => renderXml(element('1x'))).toThrow(/not an XML name/);
  });
});

describe('the macOS configuration profile', () => {
  it('is a property list forcing every policy for the domain the macOS reader reads', async () => {
    const text = await read('build/policies/macos/com.sessiondesk.agent.mobileconfig');
    const profile = parsePlist(text) as any;
    expect(profile).toMatchObject({
      PayloadType: 'Configuration',
      PayloadVersion: 1,
      PayloadScope: 'System',
    });
    const [payload] = profile.PayloadContent;
    expect(payload.PayloadType).toBe('com.apple.ManagedClient.preferences');
    expect(Object.keys(payload.PayloadContent)).toEqual(['com.sessiondesk.agent']);
    const settings = payload.PayloadContent['com.sessiondesk.agent'].Forced[0].mcx_preference_settings;
    expect(Object.keys(settings)).toEqual(POLICY_NAMES);
    for (const uuid of [profile.PayloadUUID, payload.PayloadUUID]) {
      expect(uuid).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-5[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/);
    }
    expect(profile.PayloadUUID).not.toBe(payload.PayloadUUID);
  });

  it('holds values the client applies without a warning, once written to managed preferences', async () => {
    const profile = parsePlist(await read('build/policies/macos/com.sessiondesk.agent.mobileconfig')) as any;
    const settings =
      profile.PayloadContent[0].PayloadContent['com.sessiondesk.agent'].Forced[0].mcx_preference_settings;
    // What the Mac writes to /Library/Managed Preferences/com.sessiondesk.agent.plist: these keys.
    const { build } = await import('plist');
    const managed = parsePlistPolicy(build(settings));
    const normalized = normalizePolicy(managed.values!, 'managed preferences');
    expect(normalized.warnings).toEqual([]);
    expect(normalized.values).toEqual(exampleValues());
  });

  it('has stable UUIDs, different per name', () => {
    expect(stableUuid('a')).toBe(stableUuid('a'));
    expect(stableUuid('a')).not.toBe(stableUuid('b'));
  });
});

describe('the Linux JSON example', () => {
  it('is named like the file the Linux reader reads and applies without a warning', async () => {
    expect(LINUX_POLICY_FILE.endsWith('/policy.json')).toBe(true);
    const parsed = parseJsonPolicy(await read('build/policies/linux/policy.json'));
    expect(Object.keys(parsed.values!)).toEqual(POLICY_NAMES);
    const normalized = normalizePolicy(parsed.values!, 'policy.json');
    expect(normalized.warnings).toEqual([]);
    expect(normalized.values).toEqual(exampleValues());
  });

  it('refuses to invent an example a policy would not accept', () => {
    const broken: PolicyDefinition = { ...POLICY_DEFINITIONS[0], name: 'NewAddress' };
    expect(() => exampleValue(broken)).toThrow(/NewAddress has no valid example/);
  });
});

describe('the deployment guide', () => {
  it('lists every policy with its default in the generated table', async () => {
    const guide = await read('docs/deployment.md');
    const table = guide.slice(guide.indexOf(TABLE_START), guide.indexOf(TABLE_END));
    for (const name of POLICY_NAMES) expect(table).toContain(`\`${name}\``);
    expect(() => spliceTable('no markers', 'x')).toThrow(/policies:start/);
  });

  it('and the NSIS installer write the same policy key the reader reads', async () => {
    const nsh = await read('build/installer.nsh');
    expect(nsh).toContain(`WriteRegStr HKLM "${admxKey(WINDOWS_POLICY_KEY)}" "ServerUrl"`);
    expect(await read('docs/deployment.md')).toContain(WINDOWS_POLICY_KEY);
  });
});
