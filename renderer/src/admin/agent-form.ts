/**
 * The agent forms of the admin screens as plain data: what the admin typed, turned into the inputs of
 * `admin.createAgent` and `admin.updateAgent` with the shared schemas' messages by field, and the rules
 * that keep an admin from locking themselves out. Pure, so it is tested in Node.
 *
 * Both password modes are built here: an initial password (`password`), or a set-password link sent by
 * e-mail (`sendPasswordLink: true`). The input is what the shared schema parses, so whatever the schema
 * accepts (and refuses) is what the form accepts (and shows beside the fields).
 */
import { LIMITS } from '@shared/domain/limits';
import { ROLES, type Role } from '@shared/domain/permissions';
import type { CommandError, CommandInput } from '@shared/ipc/contract';
import type { Agent } from '@shared/protocol/api';
import { createAgentSchema, updateAgentSchema } from '@shared/schemas/account-input';
import { errorText } from '@shared/i18n/errors';
import type { Translator } from '@shared/i18n/translator';
import { toFieldIssues } from '@shared/schemas/validation';
import { collectIssues, refusalErrors, type Built, type FormErrors } from './form-errors';

/** How the new agent (or the agent whose password is reset) gets a password. */
export type PasswordMode = 'password' | 'link';

export type AgentField = 'email' | 'name' | 'roles' | 'password' | 'passwordMode';
export type AgentErrors = FormErrors<AgentField>;

export interface AgentCreateForm {
  readonly email: string;
  readonly name: string;
  readonly roles: readonly Role[];
  readonly passwordMode: PasswordMode;
  readonly password: string;
}

export interface AgentEditForm {
  readonly name: string;
  readonly roles: readonly Role[];
}

export interface PasswordForm {
  readonly passwordMode: PasswordMode;
  readonly password: string;
}

export type CreateAgentInput = CommandInput<'admin.createAgent'>;
export type AgentChanges = CommandInput<'admin.updateAgent'>['changes'];

export function emptyAgentForm(): AgentCreateForm {
  return { email: '', name: '', roles: ['support_agent'], passwordMode: 'password', password: '' };
}

export function editFormOf(agent: Pick<Agent, 'name' | 'roles'>): AgentEditForm {
  return { name: agent.name, roles: [...agent.roles] };
}

export function emptyPasswordForm(): PasswordForm {
  return { passwordMode: 'password', password: '' };
}

/** The roles with `role` turned on or off, in the product's order. */
export function toggleRole(roles: readonly Role[], role: Role, on: boolean): Role[] {
  return ROLES.filter((r) => (r === role ? on : roles.includes(r)));
}

/**
 * The field that shows a message about `path` ("password", "changes.roles.0", "sendPasswordLink").
 * Anything about how the password is given (a missing or refused link option) shows beside the mode
 * choice while the link is chosen, since the password box is hidden then.
 */
export function agentFieldOf(path: string, mode: PasswordMode = 'password'): AgentField | null {
  const head = path.replace(/^changes\./, '').split('.')[0] ?? '';
  switch (head) {
    case 'email':
    case 'name':
    case 'roles':
      return head;
    case 'password':
      return mode === 'link' ? 'passwordMode' : 'password';
    case 'sendPasswordLink':
      return 'passwordMode';
    default:
      return null;
  }
}

/** The password part of an input: `{ password }` or `{ sendPasswordLink: true }`. */
function passwordPart(form: PasswordForm): { password: string } | { sendPasswordLink: true } {
  return form.passwordMode === 'link' ? { sendPasswordLink: true } : { password: form.password };
}

/**
 * The create form as `admin.createAgent`'s input (as the shared schema outputs it: trimmed, defaults
 * filled in), or the messages to show beside the fields.
 */
export function buildCreateAgentInput(
  t: Translator,
  form: AgentCreateForm,
): Built<CreateAgentInput, AgentField> {
  const raw = { email: form.email, name: form.name, roles: [...form.roles], ...passwordPart(form) };
  const parsed = createAgentSchema.safeParse(raw);
  if (parsed.success) return { ok: true, input: parsed.data };
  return {
    ok: false,
    errors: collectIssues(t, toFieldIssues(parsed.error), (p) => agentFieldOf(p, form.passwordMode)),
  };
}

/** What changed in the edit form, as `admin.updateAgent`'s changes; `input: null` when nothing did. */
export function buildAgentChanges(
  t: Translator,
  agent: Pick<Agent, 'name' | 'roles'>,
  form: AgentEditForm,
): Built<AgentChanges | null, AgentField> {
  const changes: { name?: string; roles?: Role[] } = {};
  if (form.name.trim() !== agent.name) changes.name = form.name;
  const sameRoles =
    form.roles.length === agent.roles.length && form.roles.every((role) => agent.roles.includes(role));
  if (!sameRoles) changes.roles = [...form.roles];
  if (Object.keys(changes).length === 0) return { ok: true, input: null };
  const parsed = updateAgentSchema.safeParse(changes);
  if (parsed.success) return { ok: true, input: parsed.data };
  return { ok: false, errors: collectIssues(t, toFieldIssues(parsed.error), (p) => agentFieldOf(p)) };
}

/** A password reset as `admin.updateAgent`'s changes: a new password, or a set-password link. */
export function buildPasswordChanges(t: Translator, form: PasswordForm): Built<AgentChanges, AgentField> {
  const parsed = updateAgentSchema.safeParse(passwordPart(form));
  if (parsed.success) return { ok: true, input: parsed.data };
  return {
    ok: false,
    errors: collectIssues(t, toFieldIssues(parsed.error), (p) => agentFieldOf(p, form.passwordMode)),
  };
}

/** Refusals about one field that come without a field path: shown beside that field. */
const FIELD_OF_CODE: ReadonlyMap<string, AgentField> = new Map([['email_taken', 'email']]);

/** The messages of a refusal by the core or the service, by field (`email_taken` beside the e-mail). */
export function agentRefusal(
  t: Translator,
  error: CommandError,
  mode: PasswordMode = 'password',
): AgentErrors {
  const byCode = FIELD_OF_CODE.get(error.code);
  if (byCode && !error.fields?.length) return { [byCode]: errorText(t, error) };
  return refusalErrors(t, error, (p) => agentFieldOf(p, mode));
}

export interface SelfGuard {
  /** Why the admin cannot disable this agent (themselves), or null. */
  readonly disable: string | null;
  /** Why the admin cannot take the admin role away from this agent (themselves), or null. */
  readonly dropAdmin: string | null;
}

/**
 * What the UI keeps an admin from doing to their own account: disabling it, or removing its admin role
 * (the service refuses the last enabled admin too; that refusal is shown as it comes).
 */
export function selfGuard(t: Translator, meId: string | null, agent: Pick<Agent, 'id' | 'roles'>): SelfGuard {
  const self = meId !== null && agent.id === meId;
  return {
    disable: self ? t.t('admin.agents.cannotDisableSelf') : null,
    dropAdmin: self && agent.roles.includes('admin') ? t.t('admin.agents.cannotDropOwnAdmin') : null,
  };
}

/** A role by its name in the reader's language (the service knows roles by code only). */
export function roleName(t: Translator, role: Role): string {
  return t.t(`admin.roles.${role}`);
}

/** "Administrator and Support agent", in the product's order, or "No roles". */
export function rolesLabel(t: Translator, roles: readonly Role[]): string {
  const ordered = ROLES.filter((role) => roles.includes(role));
  return ordered.length === 0 ? t.t('admin.noRoles') : t.formatList(ordered.map((role) => roleName(t, role)));
}

/**
 * Agents by name, then e-mail. Disabling or enabling one does not move its row (the focused button stays
 * where it was).
 */
export function sortedAgents<A extends Pick<Agent, 'name' | 'email'>>(agents: readonly A[]): A[] {
  return [...agents].sort((a, b) => a.name.localeCompare(b.name) || a.email.localeCompare(b.email));
}

export const PASSWORD_MIN = LIMITS.passwordMin;
