/**
 * The Organisation tab's form as plain data: the name end users see, the remote-control app they are
 * asked to start (its name, download page, whether the join page asks for its ID, and instructions), and
 * how long an end user's Allow access lasts after a session, how many days the audit log keeps, and
 * whether every password account must sign in with two factors; whether closing needs an outcome and a
 * wrap-up note, and whether end users are e-mailed "How did we do?" (issue 19). Only what changed is sent, checked first
 * by the shared schema the service applies. Pure: tested in Node.
 */
import type { CommandError, CommandInput } from '@shared/ipc/contract';
import type { Organisation } from '@shared/protocol/api';
import type { Translator } from '@shared/i18n/translator';
import { updateOrganisationSchema } from '@shared/schemas/organisation-input';
import { toFieldIssues } from '@shared/schemas/validation';
import { collectIssues, refusalErrors, type Built, type FormErrors } from './form-errors';
import { parseNumber } from './typed-number';

export interface OrganisationForm extends Pick<
  Organisation,
  | 'name'
  | 'remoteAppName'
  | 'remoteAppUrl'
  | 'remoteIdRequired'
  | 'remoteAppInstructions'
  | 'requireTwoFactor'
  | 'requireCloseOutcome'
  | 'satisfactionEmail'
> {
  /** Minutes, as typed. */
  readonly consentGraceMinutes: string;
  /** Days, as typed. */
  readonly auditRetentionDays: string;
}
export type OrganisationField = keyof OrganisationForm;
export type OrganisationErrors = FormErrors<OrganisationField>;
export type OrganisationChanges = CommandInput<'organisation.update'>;

const FIELDS: readonly OrganisationField[] = [
  'name',
  'remoteAppName',
  'remoteAppUrl',
  'remoteIdRequired',
  'remoteAppInstructions',
  'consentGraceMinutes',
  'auditRetentionDays',
  'requireTwoFactor',
  'requireCloseOutcome',
  'satisfactionEmail',
];

/** The fields typed as text and sent as numbers. */
const NUMBER_FIELDS: ReadonlySet<OrganisationField> = new Set(['consentGraceMinutes', 'auditRetentionDays']);

export function organisationFormOf(organisation: Organisation): OrganisationForm {
  const { name, remoteAppName, remoteAppUrl, remoteIdRequired, remoteAppInstructions } = organisation;
  return {
    name,
    remoteAppName,
    remoteAppUrl,
    remoteIdRequired,
    remoteAppInstructions,
    consentGraceMinutes: String(organisation.consentGraceMinutes),
    auditRetentionDays: String(organisation.auditRetentionDays),
    requireTwoFactor: organisation.requireTwoFactor,
    requireCloseOutcome: organisation.requireCloseOutcome,
    satisfactionEmail: organisation.satisfactionEmail,
  };
}

export function organisationFieldOf(path: string): OrganisationField | null {
  const head = path.split('.')[0] ?? '';
  return (FIELDS as readonly string[]).includes(head) ? (head as OrganisationField) : null;
}

/**
 * The changes to send: the fields that differ from what the service has, validated. `null` input when
 * nothing changed (the caller says so instead of sending an empty change the service would refuse).
 */
export function buildOrganisationChanges(
  t: Translator,
  form: OrganisationForm,
  current: OrganisationForm,
): Built<OrganisationChanges | null, OrganisationField> {
  const changes: Partial<Record<OrganisationField, unknown>> = {};
  for (const field of FIELDS) {
    const value = form[field];
    const same =
      typeof value === 'string' ? value.trim() === String(current[field]).trim() : value === current[field];
    if (!same) changes[field] = NUMBER_FIELDS.has(field) ? parseNumber(String(value)) : value;
  }
  if (Object.keys(changes).length === 0) return { ok: true, input: null };
  const parsed = updateOrganisationSchema.safeParse(changes);
  if (parsed.success) return { ok: true, input: parsed.data };
  return { ok: false, errors: collectIssues(t, toFieldIssues(parsed.error), organisationFieldOf) };
}

/** A refusal by the core or the service: its messages by field, else the refusal above the buttons. */
export function organisationRefusal(t: Translator, error: CommandError): OrganisationErrors {
  return refusalErrors(t, error, organisationFieldOf);
}
