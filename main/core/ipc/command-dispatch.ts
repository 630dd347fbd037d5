/**
 * The main side of the IPC contract: looks the command up, validates its input with the contract's
 * schema (the renderer is not trusted), runs its handler, and turns every outcome into a result with a
 * stable code. Nothing thrown escapes to a shell.
 */
import {
  COMMANDS,
  type CommandError,
  type CommandName,
  type CommandOutput,
  type CommandPayload,
  type CommandResult,
} from '@shared/ipc/contract';
import { domainError } from '@shared/domain/errors';
import { describeIssues, toFieldIssues } from '@shared/schemas/validation';
import { CoreError } from '../core-error';

export type CommandHandlers = {
  readonly [N in CommandName]: (payload: CommandPayload<N>) => Promise<CommandOutput<N>> | CommandOutput<N>;
};

export type Invoke = (name: unknown, input: unknown) => Promise<CommandResult<unknown>>;

function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(COMMANDS, name);
}

export function createDispatcher(
  handlers: CommandHandlers,
  log: (message: string, error: unknown) => void,
): Invoke {
  return async (name, input) => {
    if (!isCommandName(name)) {
      return { ok: false, error: domainError('unknown_command', { command: String(name).slice(0, 60) }) };
    }
    const parsed = COMMANDS[name].safeParse(input ?? {});
    if (!parsed.success) {
      const fields = toFieldIssues(parsed.error);
      return { ok: false, error: { code: 'invalid_input', message: describeIssues(fields), fields } };
    }
    try {
      const handler = handlers[name] as (payload: unknown) => unknown;
      const value = await handler(parsed.data);
      return { ok: true, value };
    } catch (error) {
      if (!(error instanceof CoreError)) log(`command ${name} failed`, error);
      return { ok: false, error: commandError(error) };
    }
  };
}

/** A refusal as a command answers it: a CoreError's code and words; anything else is `internal`. */
export function commandError(error: unknown): CommandError {
  if (!(error instanceof CoreError)) return domainError('internal');
  return {
    code: error.code,
    message: error.message,
    ...(error.params ? { params: error.params } : {}),
    ...(error.fields ? { fields: error.fields } : {}),
  };
}
