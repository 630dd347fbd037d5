/**
 * Every deployment template, generated from the one list of policy definitions the client reads
 * (main/core/settings/policy-definitions.ts) and the places its readers read: the Windows ADMX/ADML,
 * a macOS configuration profile, a Linux JSON file, and the policy table of docs/deployment.md.
 * `npm run policy-templates` writes them; tests/build/policy-templates.test.ts fails when a committed
 * file differs from what this produces now, so the templates cannot drift from the definitions.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { format, resolveConfig } from 'prettier';
import { POLICY_DEFINITIONS } from '../../main/core/settings/policy-definitions';
import { LINUX_POLICY_FILE } from '../../main/core/settings/node/policy-json';
import { WINDOWS_POLICY_KEY } from '../../main/core/settings/node/policy-windows';
import { buildGroupPolicyTemplates } from './admx';
import { exampleValues } from './facts';
import { buildMobileconfig } from './mobileconfig';
import { policyTable, spliceTable } from './policy-table';

export interface TemplateFile {
  /** Relative to the repository root, with forward slashes. */
  readonly path: string;
  readonly content: string;
}

export const DEPLOYMENT_GUIDE = 'docs/deployment.md';

/** The app id and product name, from electron-builder.yml: the bundle id is the macOS policy domain. */
export async function readAppIdentity(root: string): Promise<{ appId: string; productName: string }> {
  const config = load(await readFile(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
  const { appId, productName } = config;
  if (typeof appId !== 'string' || typeof productName !== 'string') {
    throw new Error('electron-builder.yml must set appId and productName.');
  }
  return { appId, productName };
}

async function prettierFormat(root: string, file: string, text: string): Promise<string> {
  const options = (await resolveConfig(join(root, file))) ?? {};
  return format(text, { ...options, filepath: join(root, file) });
}

export async function policyTemplateFiles(root: string): Promise<TemplateFile[]> {
  const { appId, productName } = await readAppIdentity(root);
  const { admx, adml } = buildGroupPolicyTemplates({
    definitions: POLICY_DEFINITIONS,
    registryKey: WINDOWS_POLICY_KEY,
    productName,
  });
  const linuxExample = `build/policies/linux/${LINUX_POLICY_FILE.split('/').pop()!}`;
  const guide = spliceTable(
    await readFile(join(root, DEPLOYMENT_GUIDE), 'utf8'),
    policyTable(POLICY_DEFINITIONS),
  );
  return [
    { path: `build/policies/windows/${productName}.admx`, content: admx },
    { path: `build/policies/windows/en-US/${productName}.adml`, content: adml },
    {
      path: `build/policies/macos/${appId}.mobileconfig`,
      content: buildMobileconfig({ appId, productName }),
    },
    {
      path: linuxExample,
      content: await prettierFormat(root, linuxExample, JSON.stringify(exampleValues(), null, 2)),
    },
    { path: DEPLOYMENT_GUIDE, content: await prettierFormat(root, DEPLOYMENT_GUIDE, guide) },
  ];
}
