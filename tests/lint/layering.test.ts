/**
 * The layering rules of eslint.config.js, proven to fire: probe files that break each rule are written
 * into the real process folders (the rules are about paths), linted, and removed.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const TAG = `zz_probe_${process.pid}`;

/** Probe files by path, each importing what its folder must not. */
const PROBES: Record<string, string> = {
  [`shared/${TAG}.ts`]: `
    import { readFileSync } from 'node:fs';
    import { helper } from '../tests/support/${TAG}_helper';
    import { other } from './${TAG}_cycle';
    export const now = Date.now();
    export const value = [readFileSync, helper, other, Math.random()];`,
  [`shared/${TAG}_cycle.ts`]: `
    import { value } from './${TAG}';
    export const other = () => value;`,
  [`server/${TAG}.ts`]: `
    import { app } from 'electron';
    import { core } from '../main/core/${TAG}';
    export const x = [app, core];`,
  [`main/core/${TAG}.ts`]: `
    import { BrowserWindow } from 'electron';
    import { glue } from '../electron/${TAG}';
    export const core = [BrowserWindow, glue];`,
  [`main/node/${TAG}.ts`]: `
    import { glue } from '../electron/${TAG}';
    import { core } from '../core/${TAG}';
    export const shared = [glue, core];`,
  [`main/electron/${TAG}.ts`]: `
    import { app } from 'electron';
    export const glue = app;`,
  [`renderer/src/${TAG}.ts`]: `
    import { join } from 'node:path';
    import Database from 'better-sqlite3';
    import { core } from '../../main/core/${TAG}';
    export const r = [join, Database, core];`,
  [`preload/${TAG}.ts`]: `
    import { r } from '../renderer/src/${TAG}';
    export const p = r;`,
  [`tests/support/${TAG}_helper.ts`]: `export const helper = 1;`,
  // The core's platform seams: common code, browser/ and node/ folders.
  [`main/core/requests/${TAG}_common.ts`]: `
    import { readFile } from 'node:fs';
    import Database from 'better-sqlite3';
    import WebSocket from 'ws';
    import plist from 'plist';
    import { NodeProcessStarter } from '../handoff/node/process-starter';
    import { page } from '../browser/${TAG}';
    import { Launcher } from '../handoff/launcher';
    export const common = [readFile, Database, WebSocket, plist, NodeProcessStarter, page, Launcher];`,
  [`main/core/browser/${TAG}.ts`]: `
    import { join } from 'node:path';
    import { NodeProcessStarter } from '../handoff/node/process-starter';
    import { Launcher } from '../handoff/launcher';
    export const page = [join, NodeProcessStarter, Launcher];`,
  [`main/core/handoff/node/${TAG}.ts`]: `
    import { readFile } from 'node:fs';
    import { page } from '../../browser/${TAG}';
    import { Launcher } from '../launcher';
    export const nodeSide = [readFile, page, Launcher];`,
  // The hosts: each shares through main/core/ or main/node/, never through another host.
  [`main/browser-shell/${TAG}.ts`]: `
    import { glue } from '../electron/${TAG}';
    import { writeFileAtomic } from '../node/atomic-file';
    export const shell = [glue, writeFileAtomic];`,
  [`main/electron/${TAG}_host.ts`]: `
    import { shell } from '../browser-shell/${TAG}';
    import { consolePage } from '../web-console/${TAG}';
    import { FileSecretStore } from '../node/file-secret-store';
    export const host = [shell, consolePage, FileSecretStore];`,
  [`main/web-console/${TAG}.ts`]: `
    import { readFile } from 'node:fs';
    import { writeFileAtomic } from '../node/atomic-file';
    import { NodeProcessStarter } from '../core/handoff/node/process-starter';
    import { Launcher } from '../core/handoff/launcher';
    import { checkOpenableUri } from '../core/platform/uri-policy';
    import { connectAgain } from '@shared/ipc/handoff';
    export const consolePage = [readFile, writeFileAtomic, NodeProcessStarter, Launcher, checkOpenableUri, connectAgain];`,
};

/** Folders the probes needed that did not exist: removed again afterwards. */
const createdDirs: string[] = [];

let results: Map<string, string[]>;

function rulesFor(path: string): string[] {
  return results.get(path) ?? [];
}

beforeAll(async () => {
  for (const [path, source] of Object.entries(PROBES)) {
    const created = mkdirSync(dirname(join(ROOT, path)), { recursive: true });
    if (created !== undefined) createdDirs.push(created);
    writeFileSync(join(ROOT, path), source.trimStart());
  }
  const eslint = new ESLint({ cwd: ROOT });
  const linted = await eslint.lintFiles(Object.keys(PROBES).map((p) => join(ROOT, p)));
  results = new Map(
    linted.map((r) => [
      r.filePath.slice(ROOT.length + 1),
      r.messages.map((m) => `${m.line}:${m.ruleId ?? 'parse-error'}`),
    ]),
  );
}, 60_000);

afterAll(() => {
  for (const path of Object.keys(PROBES)) rmSync(join(ROOT, path), { force: true });
  for (const dir of createdDirs) rmSync(dir, { recursive: true, force: true });
});

describe('layering lint', () => {
  it('keeps shared/ free of Node, of other folders, of clocks and randomness, and of cycles', () => {
    expect(rulesFor(`shared/${TAG}.ts`)).toEqual(
      expect.arrayContaining([
        '1:import-x/no-nodejs-modules',
        '1:no-restricted-imports',
        '2:import-x/no-restricted-paths',
        '3:import-x/no-cycle',
        '4:no-restricted-syntax',
        '5:no-restricted-syntax',
      ]),
    );
  });

  it('keeps the service to shared/ and itself', () => {
    expect(rulesFor(`server/${TAG}.ts`)).toEqual([
      '1:no-restricted-imports',
      '2:import-x/no-restricted-paths',
    ]);
  });

  it('keeps electron out of the main-process core, and the core independent of its shells', () => {
    expect(rulesFor(`main/core/${TAG}.ts`)).toEqual([
      '1:no-restricted-imports',
      '2:import-x/no-restricted-paths',
    ]);
    expect(rulesFor(`main/electron/${TAG}.ts`)).toEqual([]);
  });

  it('keeps main/node/, the layer the hosts share, free of the hosts and the core', () => {
    expect(rulesFor(`main/node/${TAG}.ts`)).toEqual([
      '1:import-x/no-restricted-paths',
      '2:import-x/no-restricted-paths',
    ]);
  });

  it('keeps the renderer and preload to browser code and shared/', () => {
    expect(rulesFor(`renderer/src/${TAG}.ts`)).toEqual([
      '1:import-x/no-nodejs-modules',
      '2:no-restricted-imports',
      '3:import-x/no-restricted-paths',
    ]);
    expect(rulesFor(`preload/${TAG}.ts`)).toEqual(['1:import-x/no-restricted-paths']);
  });

  it('lets nothing import from tests/', () => {
    expect(rulesFor(`shared/${TAG}.ts`)).toContain('2:import-x/no-restricted-paths');
  });

  it("keeps Node, Node-only packages and the seams' node/ and browser/ folders out of the core's common code", () => {
    expect(rulesFor(`main/core/requests/${TAG}_common.ts`)).toEqual([
      '1:import-x/no-nodejs-modules',
      '2:no-restricted-imports',
      '3:no-restricted-imports',
      '4:no-restricted-imports',
      '5:no-restricted-imports',
      '6:no-restricted-imports',
    ]);
  });

  it('keeps Node and node/ folders out of browser/ folders, and browser/ folders out of node/ ones', () => {
    expect(rulesFor(`main/core/browser/${TAG}.ts`)).toEqual([
      '1:import-x/no-nodejs-modules',
      '2:no-restricted-imports',
    ]);
    expect(rulesFor(`main/core/handoff/node/${TAG}.ts`)).toEqual(['2:no-restricted-imports']);
  });

  it('keeps the hosts from importing each other; they share main/node/ and main/core/', () => {
    expect(rulesFor(`main/browser-shell/${TAG}.ts`)).toEqual(['1:import-x/no-restricted-paths']);
    expect(rulesFor(`main/electron/${TAG}_host.ts`)).toEqual([
      '1:import-x/no-restricted-paths',
      '2:import-x/no-restricted-paths',
    ]);
  });

  it("keeps the web console to a browser's code: no Node, no main/node/, no node/ folder of the core", () => {
    expect(rulesFor(`main/web-console/${TAG}.ts`)).toEqual([
      '1:import-x/no-nodejs-modules',
      '2:no-restricted-imports',
      '2:import-x/no-restricted-paths',
      '3:no-restricted-imports',
    ]);
  });
});
