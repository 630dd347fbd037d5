/**
 * A stand-in remote-control client for the hand-off tests: a real program (a Node script with a
 * `#!/usr/bin/env node` line, made executable) that appends the arguments it received, as JSON, to
 * the file named by SESSIONDESK_RECORD, then exits (with SESSIONDESK_RECORD_EXIT_CODE), or first waits
 * until the file SESSIONDESK_RECORD_WAIT_FOR exists (and then writes <that file>.seen) — or, with
 * SESSIONDESK_RECORD_WAIT_FOR_LAST_ARG set, the file named by its last argument, so that each run can
 * be ended on its own.
 * What it records is what the OS passed it, so a test sees exactly what a real client would.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';

const SCRIPT = `#!/usr/bin/env node
'use strict';
const fs = require('node:fs');
const record = process.env.SESSIONDESK_RECORD;
if (record) fs.appendFileSync(record, JSON.stringify(process.argv.slice(2)) + '\\n');
const code = Number(process.env.SESSIONDESK_RECORD_EXIT_CODE || 0);
// The file to wait for: SESSIONDESK_RECORD_WAIT_FOR, or the last argument (one per run) when
// SESSIONDESK_RECORD_WAIT_FOR_LAST_ARG is set.
const waitFor = process.env.SESSIONDESK_RECORD_WAIT_FOR_LAST_ARG
  ? process.argv[process.argv.length - 1]
  : process.env.SESSIONDESK_RECORD_WAIT_FOR;
if (!waitFor) process.exit(code);
// Tells a test which process to watch for.
fs.writeFileSync(waitFor + '.pid', String(process.pid));
const timer = setInterval(() => {
  if (!fs.existsSync(waitFor)) return;
  // Tells a test that launched it from another process that it has seen the file and is ending.
  fs.writeFileSync(waitFor + '.seen', '');
  process.exit(code);
}, 20);
// Never outlive a failed test by long.
setTimeout(() => process.exit(99), 15000);
void timer;
`;

export interface RecorderDir {
  readonly dir: string;
  /** Writes an executable recorder at dir/relative and returns its absolute path. */
  install(relative: string, options?: { mode?: number; script?: string }): string;
  /** The argument lists recorded so far, one per run. */
  runs(): string[][];
  readonly recordFile: string;
  /** The environment a launcher should pass: Node on PATH for the shebang, plus `extra`. */
  env(extra?: Record<string, string>, pathDirs?: readonly string[]): Record<string, string | undefined>;
  remove(): void;
}

export function recorderDir(): RecorderDir {
  const dir = mkdtempSync(join(tmpdir(), 'sessiondesk-handoff-'));
  const recordFile = join(dir, 'record.jsonl');
  return {
    dir,
    recordFile,
    install(relative, options = {}) {
      const file = join(dir, relative);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, options.script ?? SCRIPT);
      chmodSync(file, options.mode ?? 0o755);
      return file;
    },
    runs() {
      if (!existsSync(recordFile)) return [];
      return readFileSync(recordFile, 'utf8')
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as string[]);
    },
    env(extra = {}, pathDirs = []) {
      // Only what the recorder needs: the project's Node (first on PATH under npm) for its shebang.
      const path = [...pathDirs, dirname(process.execPath)].join(delimiter);
      return { PATH: path, SESSIONDESK_RECORD: recordFile, ...extra };
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
