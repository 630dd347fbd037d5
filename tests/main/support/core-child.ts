/**
 * The agent client's core in a process of its own, driven over stdin/stdout (one JSON object a line:
 * `{id, name, input}` in, `{id, result}` out), so a test can kill it with SIGKILL at a moment it chooses.
 * Run with tsx: `tsx --tsconfig tests/tsconfig.json tests/main/support/core-child.ts <dataDir>`.
 */
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { AgentCore } from '../../../main/core/agent-core';
import { FileSecretStore } from '../../../main/node/file-secret-store';
import { saveInFolder } from '../../../main/core/node/downloads-folder';
import { createNodePlatform } from '../../../main/core/node/node-platform';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: core-child.ts <dataDir>');

const core = await AgentCore.start({
  platform: createNodePlatform({
    dataDir,
    appId: 'com.sessiondesk.agent.test',
    secrets: new FileSecretStore(join(dataDir, 'secrets.json')),
    openUri: () => Promise.reject(new Error('no URI handler here')),
    chooseSaveFile: saveInFolder(join(dataDir, 'downloads')),
  }),
  connection: { backoff: { baseMs: 100, maxMs: 500 }, startJitterMs: 0 },
  log: (message, error) =>
    process.stderr.write(`${message} ${error instanceof Error ? error.message : ''}\n`),
});

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const { id, name, input } = JSON.parse(line) as { id: number; name: string; input: unknown };
  void core.invoke(name, input).then((result) => process.stdout.write(`${JSON.stringify({ id, result })}\n`));
});
lines.on('close', () => void core.stop().then(() => process.exit(0)));
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
