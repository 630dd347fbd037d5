/**
 * The entry both benchmarks share: read the options (or print the help), run, and always clean up —
 * after a failure, and on Ctrl-C too (exit 130). Exit codes: 0 measured (a missed target included),
 * 1 a broken run, 2 bad options.
 */
export interface BenchEntry<O> {
  readonly readOptions: (argv: string[]) => O | null;
  readonly help: string;
  readonly run: (options: O) => Promise<number>;
  readonly cleanUp: () => Promise<void>;
  /** Service log lines worth showing when the run failed. */
  readonly complaints: () => readonly string[];
}

export function runBench<O>(entry: BenchEntry<O>): void {
  let interrupted = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (interrupted) return;
      interrupted = true;
      console.error(`\n[bench] ${signal}: cleaning up…`);
      void entry.cleanUp().finally(() => process.exit(130));
    });
  }

  const main = async (): Promise<number> => {
    let options: O | null;
    try {
      options = entry.readOptions(process.argv.slice(2));
    } catch (error) {
      console.error(`${(error as Error).message}\n\n${entry.help}`);
      return 2;
    }
    if (!options) {
      console.log(entry.help);
      return 0;
    }
    try {
      return await entry.run(options);
    } catch (error) {
      if (interrupted) return 130;
      console.error(`[bench] the run failed: ${(error as Error).stack ?? String(error)}`);
      const complaints = entry.complaints();
      if (complaints.length) {
        console.error(`[bench] service log (warn and above), ${complaints.length} line(s):`);
        for (const complaint of complaints.slice(0, 10)) console.error(`  ${complaint}`);
      }
      return 1;
    } finally {
      await entry.cleanUp();
    }
  };

  void main().then((code) => {
    if (!interrupted) process.exit(code);
  });
}
