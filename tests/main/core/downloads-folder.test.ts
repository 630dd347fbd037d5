/** Where the browser shell saves an export without a dialog: a new file in its downloads folder. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePathIn, saveInFolder } from '../../../main/core/node/downloads-folder';

describe('freePathIn', () => {
  const dirs: string[] = [];
  const folder = () => {
    const dir = mkdtempSync(join(tmpdir(), 'sessiondesk-downloads-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('names the file as suggested, then " (1)", " (2)" before the extension when taken, as browsers do', () => {
    const dir = folder();
    const name = 'requests-2026-11-01-2026-12-01.csv';
    expect(freePathIn(dir, name)).toBe(join(dir, name));
    writeFileSync(join(dir, name), 'x');
    expect(freePathIn(dir, name)).toBe(join(dir, 'requests-2026-11-01-2026-12-01 (1).csv'));
    writeFileSync(join(dir, 'requests-2026-11-01-2026-12-01 (1).csv'), 'x');
    expect(freePathIn(dir, name)).toBe(join(dir, 'requests-2026-11-01-2026-12-01 (2).csv'));
  });

  it('creates the folder, and keeps a suggestion inside it', async () => {
    const dir = join(folder(), 'not yet');
    const save = saveInFolder(dir);
    await expect(
      save({ defaultName: '../../escape.csv', filterName: 'CSV', extension: 'csv', mediaType: 'text/csv' }),
    ).resolves.toBe(join(dir, 'escape.csv'));
  });
});
