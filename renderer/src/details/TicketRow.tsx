/**
 * The request's ticket in the details: "freshservice INC-1042", its address opened in the system's
 * browser (the core opens only http and https, through the shell's URI policy) or copied, and a small
 * form to set, change or clear it for an agent the shared rules let manage the request (the service
 * checks again). Changing it needs the service: offline, or not allowed, the button says why.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { INTEGRATION_LIMITS } from '@shared/domain/integrations';
import { fieldText } from '@shared/i18n/errors';
import type { RequestRow } from '@shared/ipc/views';
import { CopyButton } from '../components/CopyButton';
import { Field } from '../components/Field';
import { ReasonButton } from '../components/ReasonButton';
import type { Availability } from '../domain/row-actions';
import {
  buildTicket,
  sameTicket,
  ticketFieldOf,
  ticketForm,
  ticketLabel,
  type TicketErrors,
  type TicketForm,
} from '../domain/ticket';
import { useTranslator } from '../i18n/translation';
import { errorWords, refusalText } from '../i18n/words';
import { useAppStore } from '../store/context';

export function TicketRow({ request, edit }: { request: RequestRow; edit: Availability | null }) {
  const store = useAppStore();
  const t = useTranslator();
  const [editing, setEditing] = useState(false);
  const ref = request.externalRef ?? null;
  const open = async () => {
    const result = await store.getState().call('requests.openTicket', { requestId: request.id });
    if (!result.ok) store.getState().toast({ tone: 'error', title: errorWords(result.error) });
  };
  if (editing) {
    return <TicketEditor request={request} done={() => setEditing(false)} />;
  }
  return (
    <span className="ticket-line">
      {ref ? (
        <span className="copy-line">
          {ref.url ? (
            <button
              type="button"
              className="link-button ticket-link"
              title={ref.url}
              onClick={() => void open()}
            >
              {ticketLabel(ref)}
            </button>
          ) : (
            <span className="ellipsis">{ticketLabel(ref)}</span>
          )}
          {ref.url ? (
            <CopyButton
              value={ref.url}
              label={t.t('ticket.copyUrl')}
              done={t.t('actions.done.copied')}
              className="button small"
            />
          ) : null}
        </span>
      ) : (
        <span className="muted">{t.t('table.none')}</span>
      )}
      {edit ? (
        <ReasonButton
          className="button small"
          enabled={edit.enabled}
          reason={edit.reason}
          onClick={() => setEditing(true)}
        >
          {ref ? t.t('ticket.change') : t.t('ticket.add')}
        </ReasonButton>
      ) : null}
    </span>
  );
}

/** Set, change or clear: the three fields, checked by the shared schema before anything is sent. */
function TicketEditor({ request, done }: { request: RequestRow; done: () => void }) {
  const store = useAppStore();
  const t = useTranslator();
  const current = request.externalRef ?? null;
  const [form, setForm] = useState<TicketForm>(() => ticketForm(current));
  const [errors, setErrors] = useState<TicketErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => formRef.current?.querySelector('input')?.focus(), []);

  const change = (field: keyof TicketForm, value: string) => {
    setForm((before) => ({ ...before, [field]: value }));
    if (errors[field]) setErrors(({ [field]: _, ...rest }) => rest);
  };
  const save = async (cleared: boolean) => {
    setFormError(null);
    const built = cleared ? ({ ok: true, ref: null } as const) : buildTicket(t, form);
    if (!built.ok) {
      setErrors(built.errors);
      return;
    }
    if (sameTicket(built.ref, current)) {
      done();
      return;
    }
    setBusy(true);
    const result = await store
      .getState()
      .call('requests.setTicket', { requestId: request.id, externalRef: built.ref });
    setBusy(false);
    if (result.ok) {
      done();
      return;
    }
    const byField: TicketErrors = {};
    for (const issue of result.error.fields ?? []) {
      const field = ticketFieldOf(issue.field.replace(/^externalRef\./, ''));
      if (field && byField[field] === undefined) byField[field] = fieldText(t, issue);
    }
    setErrors(byField);
    if (Object.keys(byField).length === 0) setFormError(refusalText(t, result.error));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save(false);
  };

  return (
    <form
      ref={formRef}
      className="ticket-form"
      onSubmit={submit}
      noValidate
      aria-label={t.t('ticket.formLabel')}
    >
      <fieldset disabled={busy}>
        <Field label={t.t('ticket.system')} error={errors.system} hint={t.t('ticket.systemHint')}>
          <input
            value={form.system}
            onChange={(e) => change('system', e.target.value)}
            maxLength={INTEGRATION_LIMITS.externalSystemMax + 20}
            autoComplete="off"
            spellCheck={false}
          />
        </Field>
        <Field label={t.t('ticket.id')} error={errors.id}>
          <input
            value={form.id}
            onChange={(e) => change('id', e.target.value)}
            maxLength={INTEGRATION_LIMITS.externalIdMax + 20}
            autoComplete="off"
            spellCheck={false}
          />
        </Field>
        <Field label={t.t('ticket.url')} error={errors.url}>
          <input
            type="url"
            value={form.url}
            onChange={(e) => change('url', e.target.value)}
            maxLength={INTEGRATION_LIMITS.externalUrlMax + 20}
            autoComplete="off"
            spellCheck={false}
          />
        </Field>
        {formError ? (
          <p className="form-error" role="alert">
            {formError}
          </p>
        ) : null}
        <div className="button-row">
          <button type="submit" className="button primary small">
            {t.t('ticket.save')}
          </button>
          {current ? (
            <button type="button" className="button small" onClick={() => void save(true)}>
              {t.t('ticket.remove')}
            </button>
          ) : null}
          <button type="button" className="button small" onClick={done}>
            {t.t('ticket.cancel')}
          </button>
        </div>
      </fieldset>
    </form>
  );
}
