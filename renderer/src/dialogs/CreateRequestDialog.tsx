/**
 * Create request: the fields of PRODUCT.md, checked with the shared schema and time rules before
 * sending, the service's field messages beside the fields after; then the link and PIN with copy
 * buttons — or, offline, that it is queued.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { DEFAULT_EMAIL_LANGUAGE } from '@shared/domain/languages';
import { errorText, fieldText } from '@shared/i18n/errors';
import { isLanguage } from '@shared/i18n/translator';
import type { RequestRow } from '@shared/ipc/views';
import { Dialog } from '../components/Dialog';
import { useTranslator } from '../i18n/translation';
import { useAppShallow, useAppStore } from '../store/context';
import { assignableAgents, creatableChannels, queues as queuesOf } from './create-options';
import {
  buildCreateInput,
  emptyForm,
  fieldOf,
  targetChannelId,
  type CreateForm,
  type FieldErrors,
} from './create-request-form';
import { CreatedResult } from './CreatedResult';
import { CreateRequestFields } from './CreateRequestFields';

type Outcome =
  | { readonly queued: true }
  | { readonly queued: false; readonly row: RequestRow | null; readonly rowId: string };

export function CreateRequestDialog() {
  const store = useAppStore();
  const t = useTranslator();
  const { me, directory, view } = useAppShallow((s) => ({
    me: s.account!.agent,
    directory: s.directory,
    view: s.query.view,
  }));
  const channels = useMemo(() => creatableChannels(t, me, directory.channels), [t, me, directory.channels]);
  const queues = useMemo(() => queuesOf(t, me, directory.channels), [t, me, directory.channels]);
  const startChannel =
    view.type === 'channel' && channels.some((c) => c.id === view.channelId)
      ? view.channelId
      : me.privateChannelId;
  // The invitation starts in the agent's language (English under the pseudo-locale).
  const agentLanguage = isLanguage(t.language) ? t.language : DEFAULT_EMAIL_LANGUAGE;
  const [form, setForm] = useState<CreateForm>(() => emptyForm(startChannel, agentLanguage));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const agents = useMemo(
    () => assignableAgents(t, me, directory.agents, directory.channels, targetChannelId(form)),
    [t, me, directory, form],
  );

  const close = () => store.getState().closeDialog();
  const change = (patch: Partial<CreateForm>) => {
    setForm((current) => {
      const next = { ...current, ...patch };
      // An agent who cannot work in the newly chosen channel is not kept.
      if (!next.assignTo.startsWith('agent:')) return next;
      const id = next.assignTo.slice('agent:'.length);
      const eligible = assignableAgents(t, me, directory.agents, directory.channels, targetChannelId(next));
      return eligible.some((a) => a.id === id) ? next : { ...next, assignTo: 'myself' };
    });
    // A message goes away once its field is edited.
    const touched = Object.keys(patch).map((key) =>
      fieldOf(key === 'sendInvitation' ? 'recipientEmail' : key),
    );
    if (touched.some((field) => field && errors[field])) {
      setErrors((current) => {
        const next = { ...current };
        for (const field of touched) if (field) delete next[field];
        return next;
      });
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const built = buildCreateInput(t, form, { now: Date.now(), me, channels: directory.channels });
    if (!built.ok) {
      setErrors(built.errors);
      setFormError(t.t('create.fixFields'));
      return;
    }
    setErrors({});
    setBusy(true);
    const result = await store.getState().call('requests.create', built.input);
    if (!result.ok) {
      setBusy(false);
      const byField: FieldErrors = {};
      for (const issue of result.error.fields ?? []) {
        const field = fieldOf(issue.field);
        if (field && byField[field] === undefined) byField[field] = fieldText(t, issue);
      }
      setErrors(byField);
      setFormError(Object.keys(byField).length > 0 ? t.t('create.fixFields') : errorText(t, result.error));
      return;
    }
    if (result.value.queued) {
      setBusy(false);
      setOutcome({ queued: true });
      return;
    }
    const details = await store.getState().call('requests.get', { requestId: result.value.rowId });
    setBusy(false);
    setOutcome({
      queued: false,
      rowId: result.value.rowId,
      row: details.ok ? (details.value?.request ?? null) : null,
    });
  };

  if (outcome) {
    return (
      <Dialog
        key="outcome"
        title={outcome.queued ? t.t('create.queuedTitle') : t.t('create.createdTitle')}
        onClose={close}
        className="dialog-wide"
      >
        <CreatedResult
          outcome={outcome}
          onAnother={() => {
            setForm(emptyForm(startChannel, agentLanguage));
            setOutcome(null);
          }}
          onClose={close}
        />
      </Dialog>
    );
  }

  return (
    <Dialog key="form" title={t.t('create.title')} onClose={close} className="dialog-wide">
      <form onSubmit={(e) => void submit(e)} noValidate aria-busy={busy}>
        <CreateRequestFields
          form={form}
          errors={errors}
          change={change}
          channels={channels}
          queues={queues}
          agents={agents}
          disabled={busy}
        />
        {formError ? (
          <p className="form-error" role="alert">
            {formError}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={close}>
            {t.t('create.cancel')}
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? t.t('create.submitting') : t.t('create.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
