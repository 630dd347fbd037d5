/**
 * The agent dialogs: Add agent (e-mail, name, roles, an initial password or a set-password link), Edit
 * (name, roles), Reset password (a new one or a link) and Disable (asks first). Each checks its input with
 * the shared schema before sending, shows the core's or the service's field messages beside the fields and
 * any other refusal above its buttons, and is disabled, saying why, while the service cannot be reached.
 */
import { useId, useState, type FormEvent } from 'react';
import type { Agent } from '@shared/protocol/api';
import { Dialog } from '../components/Dialog';
import { Field } from '../components/Field';
import { ADMIN_STRINGS } from './admin-strings';
import { FormError, OfflineNote, PasswordChoice, RoleChecks } from './AdminFormParts';
import {
  agentRefusal,
  buildAgentChanges,
  buildCreateAgentInput,
  buildPasswordChanges,
  editFormOf,
  emptyAgentForm,
  emptyPasswordForm,
  selfGuard,
  type AgentCreateForm,
  type AgentEditForm,
  type AgentField,
  type PasswordForm,
} from './agent-form';
import { useAdmin } from './use-admin';
import { useAdminForm } from './use-admin-form';

const A = ADMIN_STRINGS;

/** What a reset does, for the mode chosen (a link changes nothing until it is used). */
function resetIntro(agent: Agent, self: boolean, mode: PasswordForm['passwordMode']): string {
  if (mode === 'link') return self ? A.agents.resetIntroSelfLink : A.agents.resetIntroLink(agent.name);
  return self ? A.agents.resetIntroSelf : A.agents.resetIntro(agent.name);
}

/** The dialog's buttons: Cancel and the submit button, which says it is busy while the call runs. */
function Actions({
  submit,
  busy,
  live,
  onCancel,
  danger,
}: {
  readonly submit: string;
  readonly busy: boolean;
  readonly live: boolean;
  readonly onCancel: () => void;
  readonly danger?: boolean;
}) {
  return (
    <div className="dialog-actions">
      <button type="button" className="button" onClick={onCancel}>
        {A.cancel}
      </button>
      <button type="submit" className={`button ${danger ? 'danger' : 'primary'}`} disabled={busy || !live}>
        {busy ? A.busy : submit}
      </button>
    </div>
  );
}

export function CreateAgentDialog({ onClose }: { readonly onClose: () => void }) {
  const { store, live, offlineReason } = useAdmin();
  const {
    form,
    errors,
    busy,
    change,
    submit: send,
  } = useAdminForm<AgentCreateForm, AgentField>(emptyAgentForm);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const done = await send(
      buildCreateAgentInput(form),
      (input) => store.getState().call('admin.createAgent', input),
      (error) => agentRefusal(error, form.passwordMode),
    );
    if (done.outcome !== 'saved') return;
    const agent = done.value;
    store.getState().toast({
      tone: 'info',
      title:
        form.passwordMode === 'link'
          ? A.agents.createdWithLink(agent.name, agent.email)
          : A.agents.created(agent.name),
    });
    onClose();
  };

  return (
    <Dialog title={A.agents.createTitle} onClose={onClose} className="dialog-wide">
      <form onSubmit={(e) => void submit(e)} noValidate aria-busy={busy}>
        <OfflineNote live={live} reason={offlineReason} />
        <fieldset className="form-grid" disabled={busy || !live}>
          <Field label={A.agents.email} error={errors.email} hint={A.agents.emailHint}>
            <input
              type="email"
              value={form.email}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => change({ email: e.target.value })}
              data-autofocus
            />
          </Field>
          <Field label={A.agents.name} error={errors.name} hint={A.agents.nameHint}>
            <input value={form.name} autoComplete="off" onChange={(e) => change({ name: e.target.value })} />
          </Field>
          <RoleChecks roles={form.roles} onChange={(roles) => change({ roles })} error={errors.roles} />
          <PasswordChoice
            mode={form.passwordMode}
            password={form.password}
            onChange={change}
            modeError={errors.passwordMode}
            passwordError={errors.password}
            email={form.email}
            labels={{ password: A.agents.password, modePassword: A.agents.modePassword }}
          />
        </fieldset>
        <FormError message={errors.form} />
        <Actions submit={A.agents.createSubmit} busy={busy} live={live} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

export function EditAgentDialog({ agent, onClose }: { readonly agent: Agent; readonly onClose: () => void }) {
  const { store, live, offlineReason, meId } = useAdmin();
  const {
    form,
    errors,
    busy,
    change,
    submit: send,
  } = useAdminForm<AgentEditForm, AgentField>(() => editFormOf(agent));
  const guard = selfGuard(meId, agent);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const done = await send(
      buildAgentChanges(agent, form),
      (changes) => store.getState().call('admin.updateAgent', { agentId: agent.id, changes }),
      (error) => agentRefusal(error),
    );
    if (done.outcome === 'saved')
      store.getState().toast({ tone: 'info', title: A.agents.saved(done.value.name) });
    if (done.outcome !== 'refused') onClose();
  };

  return (
    <Dialog title={A.agents.editTitle(agent.name)} onClose={onClose} className="dialog-wide">
      <form onSubmit={(e) => void submit(e)} noValidate aria-busy={busy}>
        <OfflineNote live={live} reason={offlineReason} />
        <fieldset className="form-grid" disabled={busy || !live}>
          <Field label={A.agents.email} hint={A.agents.emailFixed}>
            <input type="email" value={agent.email} readOnly />
          </Field>
          <Field label={A.agents.name} error={errors.name} hint={A.agents.nameHint}>
            <input
              value={form.name}
              autoComplete="off"
              onChange={(e) => change({ name: e.target.value })}
              data-autofocus
            />
          </Field>
          <RoleChecks
            roles={form.roles}
            onChange={(roles) => change({ roles })}
            error={errors.roles}
            locked={guard.dropAdmin ? { role: 'admin', reason: guard.dropAdmin } : null}
          />
        </fieldset>
        <FormError message={errors.form} />
        <Actions submit={A.save} busy={busy} live={live} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

export function PasswordDialog({ agent, onClose }: { readonly agent: Agent; readonly onClose: () => void }) {
  const { store, live, offlineReason, meId } = useAdmin();
  const {
    form,
    errors,
    busy,
    change,
    submit: send,
  } = useAdminForm<PasswordForm, AgentField>(emptyPasswordForm);
  const introId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const done = await send(
      buildPasswordChanges(form),
      (changes) => store.getState().call('admin.updateAgent', { agentId: agent.id, changes }),
      (error) => agentRefusal(error, form.passwordMode),
    );
    if (done.outcome !== 'saved') return;
    store.getState().toast({
      tone: 'info',
      title:
        form.passwordMode === 'link'
          ? A.agents.resetLinkSent(agent.name, agent.email)
          : A.agents.resetDone(agent.name),
    });
    onClose();
  };

  return (
    <Dialog title={A.agents.resetTitle(agent.name)} onClose={onClose} describedBy={introId}>
      <form onSubmit={(e) => void submit(e)} noValidate aria-busy={busy}>
        <p id={introId}>{resetIntro(agent, agent.id === meId, form.passwordMode)}</p>
        <OfflineNote live={live} reason={offlineReason} />
        <fieldset disabled={busy || !live}>
          <PasswordChoice
            mode={form.passwordMode}
            password={form.password}
            onChange={change}
            modeError={errors.passwordMode}
            passwordError={errors.password}
            email={agent.email}
            labels={{ password: A.agents.newPassword, modePassword: A.agents.resetModePassword }}
          />
        </fieldset>
        <FormError message={errors.form} />
        <Actions submit={A.agents.resetSubmit} busy={busy} live={live} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

/** Disabling signs the agent out at once: it asks first. */
export function DisableAgentDialog({
  agent,
  onClose,
}: {
  readonly agent: Agent;
  readonly onClose: () => void;
}) {
  const { store, live, offlineReason, meId } = useAdmin();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const bodyId = useId();
  const guard = selfGuard(meId, agent);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    const result = await store
      .getState()
      .call('admin.updateAgent', { agentId: agent.id, changes: { disabled: true } });
    setBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    store.getState().toast({ tone: 'info', title: A.agents.disabledDone(agent.name) });
    onClose();
  };

  return (
    <Dialog title={A.agents.disableTitle(agent.name)} onClose={onClose} alert describedBy={bodyId}>
      <p id={bodyId}>{guard.disable ?? A.agents.disableBody(agent.name)}</p>
      <OfflineNote live={live} reason={offlineReason} />
      <FormError message={error} />
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose} data-autofocus>
          {A.cancel}
        </button>
        <button
          type="button"
          className="button danger"
          disabled={busy || !live || guard.disable !== null}
          onClick={() => void confirm()}
        >
          {busy ? A.busy : A.agents.disableConfirm}
        </button>
      </div>
    </Dialog>
  );
}
