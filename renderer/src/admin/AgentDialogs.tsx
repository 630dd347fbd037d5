/**
 * The agent dialogs: Add agent (e-mail, name, roles, an initial password or a set-password link), Edit
 * (name, roles), Reset password (a new one or a link) and Disable (asks first). Each checks its input with
 * the shared schema before sending, shows the core's or the service's field messages beside the fields and
 * any other refusal above its buttons, and is disabled, saying why, while the service cannot be reached.
 */
import { useId, type FormEvent } from 'react';
import type { Translator } from '@shared/i18n/translator';
import type { Agent } from '@shared/protocol/api';
import { Dialog } from '../components/Dialog';
import { Field } from '../components/Field';
import { useTranslator } from '../i18n/translation';
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
import { ConfirmRemoval } from './ConfirmRemoval';
import { useAdmin } from './use-admin';
import { useAdminForm } from './use-admin-form';

/** What a reset does, for the mode chosen (a link changes nothing until it is used). */
function resetIntro(t: Translator, agent: Agent, self: boolean, mode: PasswordForm['passwordMode']): string {
  if (mode === 'link') {
    return self
      ? t.t('admin.agents.resetIntroSelfLink')
      : t.t('admin.agents.resetIntroLink', { name: agent.name });
  }
  return self ? t.t('admin.agents.resetIntroSelf') : t.t('admin.agents.resetIntro', { name: agent.name });
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
  const t = useTranslator();
  return (
    <div className="dialog-actions">
      <button type="button" className="button" onClick={onCancel}>
        {t.t('admin.cancel')}
      </button>
      <button type="submit" className={`button ${danger ? 'danger' : 'primary'}`} disabled={busy || !live}>
        {busy ? t.t('admin.busy') : submit}
      </button>
    </div>
  );
}

export function CreateAgentDialog({ onClose }: { readonly onClose: () => void }) {
  const t = useTranslator();
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
      buildCreateAgentInput(t, form),
      (input) => store.getState().call('admin.createAgent', input),
      (error) => agentRefusal(t, error, form.passwordMode),
    );
    if (done.outcome !== 'saved') return;
    const agent = done.value;
    store.getState().toast({
      tone: 'info',
      title:
        form.passwordMode === 'link'
          ? t.t('admin.agents.createdWithLink', { name: agent.name, email: agent.email })
          : t.t('admin.agents.created', { name: agent.name }),
    });
    onClose();
  };

  return (
    <Dialog title={t.t('admin.agents.createTitle')} onClose={onClose} className="dialog-wide">
      <form onSubmit={(e) => void submit(e)} noValidate aria-busy={busy}>
        <OfflineNote live={live} reason={offlineReason} />
        <fieldset className="form-grid" disabled={busy || !live}>
          <Field label={t.t('admin.agents.email')} error={errors.email} hint={t.t('admin.agents.emailHint')}>
            <input
              type="email"
              value={form.email}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => change({ email: e.target.value })}
              data-autofocus
            />
          </Field>
          <Field label={t.t('admin.agents.name')} error={errors.name} hint={t.t('admin.agents.nameHint')}>
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
            labels={{
              password: t.t('admin.agents.password'),
              modePassword: t.t('admin.agents.modePassword'),
            }}
          />
        </fieldset>
        <FormError message={errors.form} />
        <Actions submit={t.t('admin.agents.createSubmit')} busy={busy} live={live} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

export function EditAgentDialog({ agent, onClose }: { readonly agent: Agent; readonly onClose: () => void }) {
  const t = useTranslator();
  const { store, live, offlineReason, meId } = useAdmin();
  const {
    form,
    errors,
    busy,
    change,
    submit: send,
  } = useAdminForm<AgentEditForm, AgentField>(() => editFormOf(agent));
  const guard = selfGuard(t, meId, agent);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const done = await send(
      buildAgentChanges(t, agent, form),
      (changes) => store.getState().call('admin.updateAgent', { agentId: agent.id, changes }),
      (error) => agentRefusal(t, error),
    );
    if (done.outcome === 'saved')
      store.getState().toast({ tone: 'info', title: t.t('admin.agents.saved', { name: done.value.name }) });
    if (done.outcome !== 'refused') onClose();
  };

  return (
    <Dialog
      title={t.t('admin.agents.editTitle', { name: agent.name })}
      onClose={onClose}
      className="dialog-wide"
    >
      <form onSubmit={(e) => void submit(e)} noValidate aria-busy={busy}>
        <OfflineNote live={live} reason={offlineReason} />
        <fieldset className="form-grid" disabled={busy || !live}>
          <Field label={t.t('admin.agents.email')} hint={t.t('admin.agents.emailFixed')}>
            <input type="email" value={agent.email} readOnly />
          </Field>
          <Field label={t.t('admin.agents.name')} error={errors.name} hint={t.t('admin.agents.nameHint')}>
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
        <Actions submit={t.t('admin.save')} busy={busy} live={live} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

export function PasswordDialog({ agent, onClose }: { readonly agent: Agent; readonly onClose: () => void }) {
  const t = useTranslator();
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
      buildPasswordChanges(t, form),
      (changes) => store.getState().call('admin.updateAgent', { agentId: agent.id, changes }),
      (error) => agentRefusal(t, error, form.passwordMode),
    );
    if (done.outcome !== 'saved') return;
    store.getState().toast({
      tone: 'info',
      title:
        form.passwordMode === 'link'
          ? t.t('admin.agents.resetLinkSent', { name: agent.name, email: agent.email })
          : t.t('admin.agents.resetDone', { name: agent.name }),
    });
    onClose();
  };

  return (
    <Dialog
      title={t.t('admin.agents.resetTitle', { name: agent.name })}
      onClose={onClose}
      describedBy={introId}
    >
      <form onSubmit={(e) => void submit(e)} noValidate aria-busy={busy}>
        <p id={introId}>{resetIntro(t, agent, agent.id === meId, form.passwordMode)}</p>
        <OfflineNote live={live} reason={offlineReason} />
        <fieldset disabled={busy || !live}>
          <PasswordChoice
            mode={form.passwordMode}
            password={form.password}
            onChange={change}
            modeError={errors.passwordMode}
            passwordError={errors.password}
            email={agent.email}
            labels={{
              password: t.t('admin.agents.newPassword'),
              modePassword: t.t('admin.agents.resetModePassword'),
            }}
          />
        </fieldset>
        <FormError message={errors.form} />
        <Actions submit={t.t('admin.agents.resetSubmit')} busy={busy} live={live} onCancel={onClose} />
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
  const t = useTranslator();
  const { store, meId } = useAdmin();
  const name = { name: agent.name };
  return (
    <ConfirmRemoval
      title={t.t('admin.agents.disableTitle', name)}
      body={t.t('admin.agents.disableBody', name)}
      blockedReason={selfGuard(t, meId, agent).disable}
      confirmLabel={t.t('admin.agents.disableConfirm')}
      done={t.t('admin.agents.disabledDone', name)}
      remove={() =>
        store.getState().call('admin.updateAgent', { agentId: agent.id, changes: { disabled: true } })
      }
      onClose={onClose}
      onRemoved={() => Promise.resolve()}
    />
  );
}
