/**
 * The desktop's platform (main/core/node/node-platform.ts) as the hosts build it. The packaged app passes
 * `allowPolicyFileOverride: false` so that an environment variable cannot lift the organisation's policy:
 * before the seams it was accepted by AgentCore and never reached the policy reader.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createNodePlatform } from '../../../main/core/node/node-platform';
import { FileSecretStore } from '../../../main/node/file-secret-store';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function platformWith(allowPolicyFileOverride: boolean | undefined) {
  dir = mkdtempSync(join(tmpdir(), 'sessiondesk-node-platform-'));
  const policyFile = join(dir, 'policy.json');
  writeFileSync(policyFile, JSON.stringify({ ServerUrl: 'https://override.example', Theme: 'dark' }));
  return createNodePlatform({
    dataDir: join(dir, 'data'),
    secrets: new FileSecretStore(join(dir, 'secrets.json')),
    openUri: () => Promise.resolve(),
    chooseSaveFile: () => Promise.resolve(null),
    appId: 'com.sessiondesk.agent.test',
    env: { SESSIONDESK_POLICY_FILE: policyFile },
    os: 'linux',
    ...(allowPolicyFileOverride === undefined ? {} : { allowPolicyFileOverride }),
  });
}

describe('the node platform', () => {
  it('reads SESSIONDESK_POLICY_FILE where the host allows it (development, tests)', async () => {
    for (const allowed of [undefined, true]) {
      const policy = await platformWith(allowed).loadPolicy();
      expect(policy.values).toEqual({ ServerUrl: 'https://override.example', Theme: 'dark' });
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('ignores SESSIONDESK_POLICY_FILE in the packaged app, which passes allowPolicyFileOverride: false', async () => {
    const policy = await platformWith(false).loadPolicy();
    expect(policy.values).toEqual({});
  });

  it('is a desktop host that keeps its documents in the data folder', () => {
    const platform = platformWith(undefined);
    expect(platform.hostKind).toBe('desktop');
    platform.documents.write('account', '{"serverUrl":"https://a.example"}');
    expect(platform.documents.read('account')).toBe('{"serverUrl":"https://a.example"}');
    expect(platform.documents.describe('account')).toBe(join(dir, 'data', 'account.json'));
    platform.documents.remove('account');
    expect(platform.documents.read('account')).toBeNull();
  });
});
