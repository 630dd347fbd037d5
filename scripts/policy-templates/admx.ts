/**
 * Windows Group Policy templates from the policy definitions, as VS Code generates its own: one
 * category, one machine policy per definition, writing exactly the value the client's registry reader
 * reads (main/core/settings/policy-windows.ts) under its key. A string becomes a text box (REG_SZ), a
 * string with choices a drop-down (REG_SZ), a boolean Enabled/Disabled (REG_DWORD 1/0), an integer a
 * number box (REG_DWORD), a string list a multi-line box (REG_MULTI_SZ: the reader takes the value
 * itself, so not a `list` element, which writes a subkey of numbered values).
 */
import { describeDefault, REGISTRY_TYPES, type Definition } from './facts';
import { element, renderXml, type XmlElement } from './xml';

const NAMESPACE = 'http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions';
const SCHEMA_ATTRIBUTES = {
  'xmlns:xsd': 'http://www.w3.org/2001/XMLSchema',
  'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
  revision: '1.0',
  schemaVersion: '1.0',
  xmlns: NAMESPACE,
};
const CATEGORY = 'Sessiondesk';
const SUPPORTED = 'Supported_Sessiondesk';
/** Group Policy's text boxes default to 1,023 characters; the settings allow paths and commands of 4,096. */
const TEXT_MAX_LENGTH = 4096;

export interface AdmxOptions {
  readonly definitions: readonly Definition[];
  /** The key the reader reads, `HKLM\SOFTWARE\Policies\…` (only HKLM: the reader reads no other hive). */
  readonly registryKey: string;
  readonly productName: string;
}

export interface GroupPolicyTemplates {
  readonly admx: string;
  readonly adml: string;
}

/** `HKLM\SOFTWARE\…` → `SOFTWARE\…`: ADMX names the hive by the policy's class (Machine). */
export function admxKey(registryKey: string): string {
  const match = /^(?:HKLM|HKEY_LOCAL_MACHINE)\\(.+)$/i.exec(registryKey);
  if (!match)
    throw new Error(`The policy key ${registryKey} is not under HKLM, the only hive the client reads.`);
  return match[1]!;
}

/** A DWORD is unsigned: the range Group Policy offers is the schema's, within 0 … 2^31 - 1. */
export function integerRange(definition: Definition): { min: number; max: number } {
  const schema = definition.schema as { minValue?: unknown; maxValue?: unknown };
  const clamp = (value: number) => Math.min(Math.max(value, 0), 2147483647);
  const min = typeof schema.minValue === 'number' && Number.isFinite(schema.minValue) ? schema.minValue : 0;
  const max =
    typeof schema.maxValue === 'number' && Number.isFinite(schema.maxValue) ? schema.maxValue : 2147483647;
  return { min: clamp(Math.ceil(min)), max: clamp(Math.floor(max)) };
}

/** An id for a string table entry: letters, digits and underscores. */
const stringId = (...parts: string[]) => parts.join('_').replace(/[^A-Za-z0-9_]/g, '_');

function policyElements(definition: Definition): XmlElement[] {
  const { name } = definition;
  switch (definition.type) {
    case 'boolean':
      return [];
    case 'integer': {
      const { min, max } = integerRange(definition);
      return [element('decimal', { id: name, valueName: name, minValue: min, maxValue: max })];
    }
    case 'string-list':
      return [element('multiText', { id: name, valueName: name, maxLength: TEXT_MAX_LENGTH })];
    case 'string':
      if (!('choices' in definition) || !definition.choices) {
        return [element('text', { id: name, valueName: name, maxLength: TEXT_MAX_LENGTH })];
      }
      return [
        element(
          'enum',
          { id: name, valueName: name, required: 'true' },
          definition.choices.map((choice) =>
            element('item', { displayName: `$(string.${stringId(name, choice)})` }, [
              element('value', {}, [element('string', {}, choice)]),
            ]),
          ),
        ),
      ];
  }
}

function policy(definition: Definition, key: string): XmlElement {
  const { name } = definition;
  const isBoolean = definition.type === 'boolean';
  const attributes: Record<string, string> = {
    name,
    class: 'Machine',
    displayName: `$(string.${name})`,
    explainText: `$(string.${name}_Explain)`,
    key,
    ...(isBoolean ? { valueName: name } : { presentation: `$(presentation.${name})` }),
  };
  const children: XmlElement[] = [
    element('parentCategory', { ref: CATEGORY }),
    element('supportedOn', { ref: SUPPORTED }),
  ];
  if (isBoolean) {
    children.push(
      element('enabledValue', {}, [element('decimal', { value: 1 })]),
      element('disabledValue', {}, [element('decimal', { value: 0 })]),
    );
  } else {
    children.push(element('elements', {}, policyElements(definition)));
  }
  return element('policy', attributes, children);
}

function explain(definition: Definition, registryKey: string): string {
  const lines = [definition.description, ''];
  if ('choices' in definition && definition.choices) {
    lines.push(`Accepted values: ${definition.choices.join(', ')}.`);
    if (definition.type === 'string-list') lines.push('Enter one value per line.');
  }
  if (definition.type === 'integer') {
    const { min, max } = integerRange(definition);
    lines.push(`Accepted values: ${min} to ${max}.`);
  }
  if (definition.type === 'boolean') {
    lines.push('Enabled writes 1, Disabled writes 0; Not Configured leaves the choice to the default.');
  }
  lines.push(`When not configured: ${describeDefault(definition)}.`);
  lines.push(`Registry: ${registryKey}\\${definition.name} (${REGISTRY_TYPES[definition.type]}).`);
  return lines.join('\n');
}

function presentation(definition: Definition): XmlElement | null {
  const { name } = definition;
  const label = `${name}:`;
  switch (definition.type) {
    case 'boolean':
      return null;
    case 'integer':
      return element('presentation', { id: name }, [
        element('decimalTextBox', { refId: name, defaultValue: Number(definition.default) }, label),
      ]);
    case 'string-list':
      return element('presentation', { id: name }, [element('multiTextBox', { refId: name }, label)]);
    case 'string': {
      if ('choices' in definition && definition.choices) {
        const index = definition.choices.indexOf(String(definition.default));
        return element('presentation', { id: name }, [
          element(
            'dropdownList',
            { refId: name, noSort: 'true', ...(index >= 0 ? { defaultItem: index } : {}) },
            label,
          ),
        ]);
      }
      return element('presentation', { id: name }, [
        element('textBox', { refId: name }, [element('label', {}, label)]),
      ]);
    }
  }
}

export function buildGroupPolicyTemplates(options: AdmxOptions): GroupPolicyTemplates {
  const key = admxKey(options.registryKey);
  const admx = element('policyDefinitions', SCHEMA_ATTRIBUTES, [
    element('policyNamespaces', {}, [
      element('target', { prefix: 'sessiondesk', namespace: 'Sessiondesk.Policies' }),
    ]),
    element('resources', { minRequiredRevision: '1.0' }),
    element('supportedOn', {}, [
      element('definitions', {}, [
        element('definition', { name: SUPPORTED, displayName: `$(string.${SUPPORTED})` }),
      ]),
    ]),
    element('categories', {}, [
      element('category', { name: CATEGORY, displayName: `$(string.${CATEGORY})` }),
    ]),
    element(
      'policies',
      {},
      options.definitions.map((definition) => policy(definition, key)),
    ),
  ]);

  const strings: XmlElement[] = [
    element('string', { id: CATEGORY }, options.productName),
    element('string', { id: SUPPORTED }, `${options.productName} agent client`),
  ];
  const presentations: XmlElement[] = [];
  for (const definition of options.definitions) {
    strings.push(element('string', { id: definition.name }, definition.name));
    strings.push(
      element('string', { id: `${definition.name}_Explain` }, explain(definition, options.registryKey)),
    );
    if ('choices' in definition && definition.choices && definition.type === 'string') {
      for (const choice of definition.choices) {
        strings.push(element('string', { id: stringId(definition.name, choice) }, choice));
      }
    }
    const shown = presentation(definition);
    if (shown) presentations.push(shown);
  }
  const adml = element('policyDefinitionResources', SCHEMA_ATTRIBUTES, [
    element('displayName', {}, options.productName),
    element('description', {}, `Policies for the ${options.productName} agent client.`),
    element('resources', {}, [
      element('stringTable', {}, strings),
      element('presentationTable', {}, presentations),
    ]),
  ]);
  return { admx: renderXml(admx), adml: renderXml(adml) };
}
