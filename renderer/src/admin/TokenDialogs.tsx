/**
 * The integration token dialogs: Create token (name, scopes each with what it grants, an optional last
 * day), which then shows the new token once; and Revoke, which asks first (an integration using the token
 * stops working at once).
 */
import { useState, type FormEvent } from 'react';
import { INTEGRATION_LIMITS, INTEGRATION_SCOPES } from '@shared/domain/integrations';
import type { CreatedIntegrationToken, IntegrationToken } from '@shared/protocol/integrations';
import { Dialog } from '../components/Dialog';
import { Field } from '../components/Field';
import { useTranslator } from '../i18n/translation';
import { FormError, OfflineNote } from './AdminFormParts';
import { ConfirmRemoval } from './ConfirmRemoval';
import { CheckList } from './CheckList';
import {
  buildCreateTokenInput,
  emptyTokenForm,
  scopeKey,
  tokenRefusal,
  type TokenField,
  type TokenForm,
} from './integration-forms';
import { SecretOnce } from './SecretOnce';
import { useAdmin } from './use-admin';
import { useAdminForm } from './use-admin-form';

export function CreateTokenDialog({
  onClose,
  onCreated,
}: {
  readonly onClose: () => void;
  readonly onCreated: () => Promise<void>;
}) {
  const t = useTranslator();
  const { store, live, offlineReason } = useAdmin();
  const { form, errors, busy, change, submit: send } = useAdminForm<TokenForm, TokenField>(emptyTokenForm);
  const [created, setCreated] = useState<CreatedIntegrationToken | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const done = await send(
      buildCreateTokenInput(t, form, new Date()),
      (input) => store.getState().call('integrations.createToken', input),
      (error) => tokenRefusal(t, error),
    );
    if (done.outcome !== 'saved') return;
    setCreated(done.value);
    await onCreated();
  };

  if (created) {
    return (
      <Dialog title={t.t('integrations.tokens.createdTitle', { name: created.name })} onClose={onClose}>
        <SecretOnce
          label={t.t('integrations.tokens.secretLabel')}
          secret={created.token}
          intro={t.t('integrations.tokens.createdIntro')}
          copied={t.t('integrations.tokens.copied')}
          onDone={onClose}
        />
      </Dialog>
    );
  }

  return (
    <Dialog title={t.t('integrations.tokens.createTitle')} onClose={onClose} className="dialog-wide">
      <form onSubmit={(e) => void submit(e)} noValidate aria-busy={busy}>
        <OfflineNote live={live} reason={offlineReason} />
        <fieldset className="admin-stack" disabled={busy || !live}>
          <Field
            label={t.t('integrations.tokens.name')}
            error={errors.name}
            hint={t.t('integrations.tokens.nameHint')}
          >
            <input
              value={form.name}
              maxLength={INTEGRATION_LIMITS.tokenNameMax}
              autoComplete="off"
              onChange={(e) => change({ name: e.target.value })}
              data-autofocus
            />
          </Field>
          <CheckList
            legend={t.t('integrations.tokens.scopes')}
            all={INTEGRATION_SCOPES}
            chosen={form.scopes}
            error={errors.scopes}
            label={(scope) => <code>{scope}</code>}
            hint={(scope) => t.t(`integrations.scopes.${scopeKey(scope)}`)}
            onChange={(scopes) => change({ scopes })}
          />
          <Field
            label={t.t('integrations.tokens.lastDay')}
            error={errors.lastDay}
            hint={t.t('integrations.tokens.lastDayHint')}
          >
            <input type="date" value={form.lastDay} onChange={(e) => change({ lastDay: e.target.value })} />
          </Field>
        </fieldset>
        <FormError message={errors.form} />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            {t.t('admin.cancel')}
          </button>
          <button type="submit" className="button primary" disabled={busy || !live}>
            {busy ? t.t('admin.busy') : t.t('integrations.tokens.createSubmit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Revoking is at once and for good: it asks first. */
export function RevokeTokenDialog({
  token,
  onClose,
  onRevoked,
}: {
  readonly token: IntegrationToken;
  readonly onClose: () => void;
  readonly onRevoked: () => Promise<void>;
}) {
  const t = useTranslator();
  const { store } = useAdmin();
  const named = { name: token.name };
  return (
    <ConfirmRemoval
      title={t.t('integrations.tokens.revokeTitle', named)}
      body={t.t('integrations.tokens.revokeBody', named)}
      confirmLabel={t.t('integrations.tokens.revokeConfirm')}
      done={t.t('integrations.tokens.revoked', named)}
      remove={() => store.getState().call('integrations.revokeToken', { tokenId: token.id })}
      onClose={onClose}
      onRemoved={onRevoked}
    />
  );
}
