/** The node hosts' SecretStore (the browser shell's, and Electron's with its codec): a 0600 JSON file, replaced atomically, read back as written. */
import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileSecretStore, type SecretCodec } from '../../../main/node/file-secret-store';
import { temporaryDir } from '../browser-shell/helpers';

const dirs: { remove(): void }[] = [];
function store(options?: ConstructorParameters<typeof FileSecretStore>[1]) {
  const dir = temporaryDir('secrets');
  dirs.push(dir);
  const path = join(dir.path, 'nested', 'secrets.json');
  return { dir: dir.path, path, store: new FileSecretStore(path, { warn: () => {}, ...options }) };
}
afterEach(() => {
  for (const dir of dirs.splice(0)) dir.remove();
});

const mode = (path: string) => statSync(path).mode & 0o777;

if (process.platform === 'win32') {
  console.log(
    '[secret store tests] skipped: they check POSIX file modes (0600), which Windows does not have',
  );
}
describe.skipIf(process.platform === 'win32')('FileSecretStore', () => {
  it('round-trips values, in a file (and folder) only its user can read', async () => {
    const { path, store: secrets } = store();
    expect(await secrets.get('refresh')).toBeNull();
    await secrets.set('refresh', 'r-1');
    await secrets.set('access', 'a-1');
    expect(await secrets.get('refresh')).toBe('r-1');
    expect(mode(path)).toBe(0o600);
    expect(mode(join(path, '..'))).toBe(0o700);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({
      version: 1,
      secrets: { refresh: 'r-1', access: 'a-1' },
    });

    await secrets.delete('refresh');
    await secrets.delete('never-set');
    // A new store (the next launch) reads what the last one wrote.
    const again = new FileSecretStore(path);
    expect(await again.get('refresh')).toBeNull();
    expect(await again.get('access')).toBe('a-1');
  });

  it('keeps concurrent changes (each operation waits for the one before)', async () => {
    const { path, store: secrets } = store();
    await Promise.all(Array.from({ length: 20 }, (_, i) => secrets.set(`k${i}`, `v${i}`)));
    const saved = JSON.parse(readFileSync(path, 'utf8')).secrets;
    expect(Object.keys(saved)).toHaveLength(20);
    // No temporary file left beside it.
    expect(readdirSync(join(path, '..'))).toEqual(['secrets.json']);
  });

  it('puts a loosened file back to 0600 before reading it', async () => {
    const { path, store: first } = store();
    await first.set('refresh', 'r-1');
    chmodSync(path, 0o644);
    expect(await new FileSecretStore(path).get('refresh')).toBe('r-1');
    expect(mode(path)).toBe(0o600);
  });

  it('replaces a file it cannot read, saying so, instead of failing every sign-in', async () => {
    const warnings: string[] = [];
    const { path, store: secrets } = store({ warn: (m) => warnings.push(m) });
    await secrets.set('x', 'y');
    writeFileSync(path, '{ not json');
    const reread = new FileSecretStore(path, { warn: (m) => warnings.push(m) });
    expect(await reread.get('x')).toBeNull();
    expect(warnings).toEqual([expect.stringContaining('not a secrets file')]);
    await reread.set('x', 'z');
    expect(await new FileSecretStore(path).get('x')).toBe('z');
  });

  it('stores what a codec encodes, ignores what it cannot decode, and re-encodes stale values', async () => {
    let generation = 1;
    const codec: SecretCodec = {
      encode: (value) => Promise.resolve(`g${generation}:${Buffer.from(value).toString('base64')}`),
      decode: (stored) => {
        const [tag, data] = stored.split(':');
        if (!data) return Promise.reject(new Error('undecodable'));
        return Promise.resolve({
          value: Buffer.from(data, 'base64').toString(),
          stale: tag !== `g${generation}`,
        });
      },
    };
    const warnings: string[] = [];
    const { path, store: secrets } = store({ codec, warn: (m) => warnings.push(m) });
    await secrets.set('refresh', 'token-1');
    expect(readFileSync(path, 'utf8')).not.toContain('token-1');
    expect(await secrets.get('refresh')).toBe('token-1');

    generation = 2;
    expect(await secrets.get('refresh')).toBe('token-1');
    expect(JSON.parse(readFileSync(path, 'utf8')).secrets.refresh).toMatch(/^g2:/);

    writeFileSync(path, JSON.stringify({ version: 1, secrets: { refresh: 'garbage' } }));
    expect(
      await new FileSecretStore(path, { codec, warn: (m) => warnings.push(m) }).get('refresh'),
    ).toBeNull();
    expect(warnings).toEqual([expect.stringContaining('cannot be decoded')]);
  });

  it('refuses names that are empty or too long', () => {
    const { store: secrets } = store();
    expect(() => secrets.get('')).toThrow(TypeError);
    expect(() => secrets.set('x'.repeat(201), 'v')).toThrow(TypeError);
  });
});
