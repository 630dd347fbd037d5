/**
 * bench:server's `--database` and `--instances` (scripts/bench/options.ts) and how it spreads the agents'
 * streams over the instances (scripts/bench/client-processes.ts): the split its single- and
 * cross-instance figures rest on.
 */
import { describe, expect, it } from 'vitest';
import { shareStreams } from '../../scripts/bench/client-processes';
import { readOptions } from '../../scripts/bench/options';

describe('bench:server --database and --instances', () => {
  it('defaults to one instance on SQLite, as the figures in the README were measured', () => {
    expect(readOptions([])).toMatchObject({ database: 'sqlite', instances: 1 });
  });

  it('takes PostgreSQL with several instances', () => {
    expect(readOptions(['--database', 'postgres', '--instances', '2'])).toMatchObject({
      database: 'postgres',
      instances: 2,
    });
  });

  it('refuses several instances on SQLite, and a database it does not know', () => {
    expect(() => readOptions(['--instances', '2'])).toThrow(/--database postgres/);
    expect(() => readOptions(['--database', 'mysql'])).toThrow(/sqlite, postgres/);
  });
});

describe('the streams spread over the instances', () => {
  const tokens = Array.from({ length: 1_001 }, (_, i) => `token-${i}`);

  it('gives each instance half the streams, and every client process streams on both', () => {
    const shares = shareStreams(tokens, 2, 2);
    const all = shares.flat();
    expect(all.map((s) => s.token).sort()).toEqual([...tokens].sort());
    const onA = all.filter((s) => s.instance === 0).length;
    expect(Math.abs(onA - (tokens.length - onA))).toBeLessThanOrEqual(1);
    for (const share of shares) expect(new Set(share.map((s) => s.instance))).toEqual(new Set([0, 1]));
  });

  it('puts every stream on the one instance when there is one', () => {
    expect(
      shareStreams(tokens, 2, 1)
        .flat()
        .every((s) => s.instance === 0),
    ).toBe(true);
  });
});
