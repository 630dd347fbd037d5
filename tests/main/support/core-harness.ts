/**
 * The agent client's core for tests: a real AgentCore on a temporary data folder with the browser
 * shell's file secret store, pointed at a real service, its events recorded. Only the waits are the
 * test's: connection backoff and start jitter are shortened so a test does not sit through 30 s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  CommandInput,
  CommandName,
  CommandOutput,
  CommandResult,
  EventName,
  EventPayloads,
} from '@shared/ipc/contract';
import { AgentCore, type AgentCoreOptions } from '../../../main/core/agent-core';
import { FileSecretStore } from '../../../main/node/file-secret-store';
import { saveInFolder } from '../../../main/core/node/downloads-folder';
import { createNodePlatform } from '../../../main/core/node/node-platform';

export interface RecordedEvent {
  readonly name: EventName;
  readonly payload: unknown;
  readonly at: number;
}

export interface TestCoreOptions {
  readonly dataDir?: string;
  readonly now?: () => number;
  readonly env?: NodeJS.ProcessEnv;
  readonly openUri?: (uri: string) => Promise<void>;
  /** As the browser shell: single sign-on comes back under this address (the platform's ssoReturnBase). */
  readonly ssoReturnBase?: string;
  /** The connection's timing; by default short waits, so a test does not sit through the real schedule. */
  readonly connection?: AgentCoreOptions['connection'];
  /** The OS's preferred languages the shell gives the core (none by default: English). */
  readonly systemLanguages?: readonly string[];
  /** Whether the shell offers the pseudo-locale (a development build); false by default. */
  readonly pseudoLanguageAvailable?: boolean;
}

export class TestCore {
  readonly events: RecordedEvent[] = [];
  private waiters: (() => void)[] = [];
  private stopped = false;

  private constructor(
    readonly core: AgentCore,
    readonly dataDir: string,
    private readonly options: TestCoreOptions,
  ) {
    core.onEvent((name, payload) => {
      this.events.push({ name, payload, at: Date.now() });
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  static async start(options: TestCoreOptions = {}): Promise<TestCore> {
    const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'sessiondesk-core-'));
    const coreOptions: AgentCoreOptions = {
      platform: createNodePlatform({
        dataDir,
        appId: 'com.sessiondesk.agent.test',
        secrets: new FileSecretStore(join(dataDir, 'secrets.json')),
        openUri: options.openUri ?? (() => Promise.reject(new Error('no URI handler in tests'))),
        chooseSaveFile: saveInFolder(join(dataDir, 'downloads')),
        ...(options.ssoReturnBase ? { ssoReturnBase: () => options.ssoReturnBase! } : {}),
        env: { PATH: process.env['PATH'], ...options.env },
      }),
      connection: options.connection ?? { backoff: { baseMs: 100, maxMs: 500 }, startJitterMs: 0 },
      log: (message, error) => {
        if (process.env['SESSIONDESK_TEST_LOG']) console.warn(message, error ?? '');
      },
      ...(options.now ? { now: options.now } : {}),
      ...(options.systemLanguages ? { systemLanguages: options.systemLanguages } : {}),
      ...(options.pseudoLanguageAvailable ? { pseudoLanguageAvailable: true } : {}),
    };
    return new TestCore(await AgentCore.start(coreOptions), dataDir, options);
  }

  /** Runs a command; the result as the renderer gets it. */
  call<N extends CommandName>(name: N, input: CommandInput<N>): Promise<CommandResult<CommandOutput<N>>> {
    return this.core.invoke(name, input) as Promise<CommandResult<CommandOutput<N>>>;
  }

  /** Runs a command that must succeed; its value. */
  async invoke<N extends CommandName>(name: N, input: CommandInput<N>): Promise<CommandOutput<N>> {
    const result = await this.call(name, input);
    if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`);
    return result.value;
  }

  async signIn(serverUrl: string, credentials: { email: string; password: string }): Promise<void> {
    await this.invoke('account.signIn', { serverUrl, ...credentials });
  }

  /** Waits until `check` returns a value other than undefined/false, re-checking after each event (and every 100 ms). */
  async until<T>(
    check: () => T | Promise<T>,
    what: string,
    timeoutMs = 10_000,
  ): Promise<Exclude<T, false | undefined | null>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await check();
      if (value !== undefined && value !== false && value !== null)
        return value as Exclude<T, false | undefined | null>;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 100));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async untilLive(timeoutMs = 15_000): Promise<void> {
    await this.until(
      async () => (await this.invoke('connection.get', {})).state === 'live',
      'the connection to be live',
      timeoutMs,
    );
  }

  eventsNamed<E extends EventName>(name: E): EventPayloads[E][] {
    return this.events.filter((e) => e.name === name).map((e) => e.payload as EventPayloads[E]);
  }

  /** Every row of a view (paged through). */
  async rows(input: Partial<CommandInput<'requests.query'>> = {}) {
    const page = await this.invoke('requests.query', { view: { type: 'all' }, limit: 500, ...input });
    return page.rows;
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.core.stop();
  }

  /** Stops this core and starts another on the same data folder (an app restart). */
  async restart(overrides: TestCoreOptions = {}): Promise<TestCore> {
    await this.stop();
    return TestCore.start({ ...this.options, ...overrides, dataDir: this.dataDir });
  }

  async cleanup(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
