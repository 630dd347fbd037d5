/**
 * A request's ticket (its `externalRef` in a ticketing system) as the client shows and edits it: the
 * label the table and the details show, and the small form's three fields turned into the input the
 * service takes, with the shared schema's problems by field in the translator's language. Pure: tested
 * in Node.
 */
import { fieldText } from '@shared/i18n/errors';
import type { Translator } from '@shared/i18n/translator';
import type { SessionRequest } from '@shared/domain/session-request';
import { externalRefInputSchema, type ExternalRefInput } from '@shared/schemas/integration-input';
import { toFieldIssues } from '@shared/schemas/validation';

export type ExternalRef = NonNullable<SessionRequest['externalRef']>;

/** "freshservice INC-1042": the system, then the ticket's id there. */
export function ticketLabel(ref: Pick<ExternalRef, 'system' | 'id'>): string {
  return `${ref.system} ${ref.id}`;
}

/** What the form's fields hold, as typed. */
export interface TicketForm {
  readonly system: string;
  readonly id: string;
  readonly url: string;
}

export type TicketField = keyof TicketForm;
export type TicketErrors = Partial<Record<TicketField, string>>;

export const EMPTY_TICKET: TicketForm = { system: '', id: '', url: '' };

/** The form filled with a request's ticket, to change it. */
export function ticketForm(ref: ExternalRef | null | undefined): TicketForm {
  return ref ? { system: ref.system, id: ref.id, url: ref.url ?? '' } : EMPTY_TICKET;
}

/** Whether nothing was typed: no ticket (on create), or clearing it (in the details). */
export function isBlankTicket(form: TicketForm): boolean {
  return form.system.trim() === '' && form.id.trim() === '' && form.url.trim() === '';
}

/** The field of the form a schema path inside the ticket names ("system", "url"), if any. */
export function ticketFieldOf(path: string): TicketField | null {
  return path === 'system' || path === 'id' || path === 'url' ? path : null;
}

export type BuiltTicket =
  | { readonly ok: true; readonly ref: ExternalRefInput | null }
  | { readonly ok: false; readonly errors: TicketErrors };

/**
 * The form as the service's input: null when it is blank, else the ticket checked by the shared schema
 * (the system lower-cased, an empty address left out), or the messages to show beside the fields.
 */
export function buildTicket(t: Translator, form: TicketForm): BuiltTicket {
  if (isBlankTicket(form)) return { ok: true, ref: null };
  const parsed = externalRefInputSchema.safeParse({
    system: form.system,
    id: form.id,
    url: form.url.trim() === '' ? null : form.url,
  });
  if (parsed.success) return { ok: true, ref: parsed.data };
  const errors: TicketErrors = {};
  for (const issue of toFieldIssues(parsed.error)) {
    const field = ticketFieldOf(issue.field);
    if (field && errors[field] === undefined) errors[field] = fieldText(t, issue);
  }
  return { ok: false, errors };
}

/** Whether the same ticket: saving it again would change nothing. */
export function sameTicket(a: ExternalRefInput | null, b: ExternalRef | null | undefined): boolean {
  if (a === null || !b) return a === null && !b;
  return a.system === b.system && a.id === b.id && (a.url ?? null) === (b.url ?? null);
}
