/**
 * The Reports view's commands in the core against the real service: the summary of a period, and the
 * CSV streamed to the file the host chose (in tests, the core's downloads folder), complete under that
 * name with nothing left beside it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, startTestService, type TestService } from '../../support/service-harness';
import { createRequest } from '../../support/requests';
import { TestCore } from '../support/core-harness';

describe('reports in the core', () => {
  let t: TestService | undefined;
  let core: TestCore | undefined;
  afterEach(async () => {
    await core?.cleanup();
    await t?.cleanup();
    core = t = undefined;
  });

  it('reads the summary and streams the CSV to the chosen file', async () => {
    t = await startTestService();
    for (const name of ['Zoë Ärger', '王小明', 'Plain, "quoted"']) await createRequest(t.admin, name);
    core = await TestCore.start({ now: () => t!.clock.now() });
    await core.signIn(t.url, ADMIN);
    await core.untilLive();

    const to = new Date(t.clock.now() + 60_000).toISOString();
    const from = new Date(t.clock.now() - 86_400_000).toISOString();
    const summary = await core.invoke('reports.summary', { from, to });
    expect(summary.totals.created).toBe(3);

    const saved = await core.invoke('reports.exportCsv', { from, to });
    const downloads = join(core.dataDir, 'downloads');
    expect(saved?.path).toBe(join(downloads, `requests-${from.slice(0, 10)}-${to.slice(0, 10)}.csv`));
    const bytes = readFileSync(saved!.path);
    expect(saved!.bytes).toBe(bytes.length);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text).toContain('王小明');
    expect(text).toContain('Zoë Ärger');
    expect(text).toContain('"Plain, ""quoted"""');
    // Only the finished file: the partial one was renamed over it.
    expect(readdirSync(downloads)).toEqual([saved!.path.slice(downloads.length + 1)]);
    expect(existsSync(`${saved!.path}.part`)).toBe(false);

    // A second export of the same period is a new file beside the first.
    const again = await core.invoke('reports.exportCsv', { from, to });
    expect(again?.path).toMatch(/ \(1\)\.csv$/);
  });
});
