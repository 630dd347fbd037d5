/** Spawns core-child.ts and talks to it: commands in, results out; `kill()` is SIGKILL, as a crash. */
import { spawn, type ChildProcess } from 'node:child_process';
import { delimiter, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { CommandInput, CommandName, CommandOutput, CommandResult } from '@shared/ipc/contract';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const BIN = join(ROOT, 'node_modules', '.bin');

export class CoreProcess {
  private next = 1;
  private readonly pending = new Map<number, (result: CommandResult<unknown>) => void>();
  readonly exited: Promise<void>;
  private stderr = '';

  private constructor(readonly child: ChildProcess) {
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    child
      .stderr!.setEncoding('utf8')
      .on('data', (chunk: string) => (this.stderr = (this.stderr + chunk).slice(-20_000)));
  }

  static async start(dataDir: string): Promise<CoreProcess> {
    const child = spawn(
      join(BIN, 'tsx'),
      ['--tsconfig', 'tests/tsconfig.json', 'tests/main/support/core-child.ts', dataDir],
      {
        cwd: ROOT,
        env: { ...process.env, PATH: `${BIN}${delimiter}${process.env['PATH'] ?? ''}` },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    const proc = new CoreProcess(child);
    const lines = createInterface({ input: child.stdout });
    await new Promise<void>((resolve, reject) => {
      const failed = () => reject(new Error(`the core process exited before it was ready:\n${proc.stderr}`));
      child.once('exit', failed);
      lines.on('line', (line) => {
        const message = JSON.parse(line) as { ready?: true; id?: number; result?: CommandResult<unknown> };
        if (message.ready) {
          child.off('exit', failed);
          resolve();
        } else if (message.id !== undefined) {
          this.settle(proc, message.id, message.result!);
        }
      });
    });
    return proc;
  }

  private static settle(proc: CoreProcess, id: number, result: CommandResult<unknown>): void {
    proc.pending.get(id)?.(result);
    proc.pending.delete(id);
  }

  call<N extends CommandName>(name: N, input: CommandInput<N>): Promise<CommandResult<CommandOutput<N>>> {
    const id = this.next++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve as (result: CommandResult<unknown>) => void);
      this.child.stdin!.write(`${JSON.stringify({ id, name, input })}\n`);
    });
  }

  async invoke<N extends CommandName>(name: N, input: CommandInput<N>): Promise<CommandOutput<N>> {
    const result = await this.call(name, input);
    if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`);
    return result.value;
  }

  /** SIGKILL: no cleanup, no flush, as a crash or a power cut. */
  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }

  async stop(): Promise<void> {
    this.child.stdin!.end();
    await this.exited;
  }
}
