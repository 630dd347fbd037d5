/**
 * A refusal from a domain rule: a stable machine-readable code (clients and integrations switch on it)
 * and a sentence a person can act on.
 */
export interface DomainError<Code extends string = string> {
  readonly code: Code;
  readonly message: string;
}

export function domainError<Code extends string>(code: Code, message: string): DomainError<Code> {
  return { code, message };
}
