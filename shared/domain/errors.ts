/**
 * A refusal from a domain rule: a stable machine-readable code (clients and integrations switch on it),
 * the values its sentence needs (a channel's name, a limit), and that sentence in English. The words are
 * the catalogue's (`error.<code>` in shared/i18n/catalogs/en/errors.json): a client says them in its
 * reader's language with `errorText`, the service sends the English `message` to API users.
 */
import { errorText, type ErrorParams } from '../i18n/errors';
import { translator, type MessageArgs, type MessageValues } from '../i18n/translator';

/** Every refusal code the catalogue words (`error.<code>`). */
export type ErrorCode = keyof MessageValues extends infer Id
  ? Id extends `error.${infer Code}`
    ? Code
    : never
  : never;

/** The values a code's sentence needs: none, or its placeholders (a select's choice among them). */
export type ErrorArgs<Code extends ErrorCode> = MessageArgs<`error.${Code}`>;

export interface DomainError<Code extends string = string> {
  readonly code: Code;
  readonly message: string;
  readonly params?: ErrorParams;
}

const english = translator('en');

/** The English sentence of a refusal, from the catalogue: what API users and logs read. */
export function englishError<Code extends ErrorCode>(code: Code, ...params: ErrorArgs<Code>): string {
  return errorText(english, { code, message: code, ...(params[0] ? { params: params[0] } : {}) });
}

export function domainError<Code extends ErrorCode>(
  code: Code,
  ...params: ErrorArgs<Code>
): DomainError<Code> {
  const message = englishError(code, ...params);
  const values = params[0] as ErrorParams | undefined;
  return values ? { code, message, params: values } : { code, message };
}
