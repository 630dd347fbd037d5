/**
 * Close asks how the request ended (issue 19): its outcome (a radio group) and a wrap-up note, marked
 * required when the organisation requires them — its settings are read from the service as the dialog
 * opens, the service checking them again —, and refusals shown in the dialog beside their field. Enter
 * submits (Shift+Enter starts a new line in the note), Escape cancels; the first outcome has the focus.
 */
import { useEffect, useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import {
  CLOSE_OUTCOMES,
  missingCloseFields,
  type CloseField,
  type CloseOutcome,
} from '@shared/domain/conversation';
import { CONVERSATION_LIMITS } from '@shared/domain/conversation';
import { errorText, fieldText } from '@shared/i18n/errors';
import { outcomeLabel } from '../details/outcome-label';
import { Dialog } from '../components/Dialog';
import { Field } from '../components/Field';
import { useRequestRow } from '../hooks/useRequestRow';
import { useTranslator } from '../i18n/translation';
import { message } from '../i18n/words';
import { useAppStore } from '../store/context';

type Errors = Partial<Record<CloseField | 'form', string>>;

export function CloseRequestDialog({ rowId }: { rowId: string }) {
  const store = useAppStore();
  const row = useRequestRow(rowId);
  const t = useTranslator();
  const bodyId = useId();
  const outcomeErrorId = useId();
  /** Whether the organisation requires an outcome and a note; null while it is read. */
  const [required, setRequired] = useState<boolean | null>(null);
  const [outcome, setOutcome] = useState<CloseOutcome | null>(null);
  const [wrapUp, setWrapUp] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const cancel = () => store.getState().closeDialog();

  useEffect(() => {
    let current = true;
    void store
      .getState()
      .call('organisation.get', {})
      // Not read (offline, say): nothing is marked, and the service still refuses what it requires.
      .then((result) => current && setRequired(result.ok ? result.value.requireCloseOutcome : false));
    return () => {
      current = false;
    };
  }, [store]);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (busy) return;
    const input = { ...(outcome ? { outcome } : {}), ...(wrapUp.trim() ? { wrapUp: wrapUp.trim() } : {}) };
    const missing = missingCloseFields(input, required === true);
    if (missing.length > 0) {
      setErrors(Object.fromEntries(missing.map((field) => [field, t.t('field.required')])));
      return;
    }
    setErrors({});
    setBusy(true);
    const result = await store
      .getState()
      .call('requests.act', { requestId: rowId, action: { type: 'close', ...input } });
    setBusy(false);
    if (!result.ok) {
      const byField: Errors = {};
      for (const issue of result.error.fields ?? []) {
        const field = issue.field.split('.')[0];
        if ((field === 'outcome' || field === 'wrapUp') && !byField[field])
          byField[field] = fieldText(t, issue);
      }
      // A refusal of no field of the dialog (offline, a state the request left) is said above the buttons.
      setErrors(Object.keys(byField).length > 0 ? byField : { form: errorText(t, result.error) });
      return;
    }
    store.getState().toast({ tone: 'info', title: message('actions.done.close') });
    cancel();
  };

  /** Enter in the note submits, as everywhere in the dialog; Shift+Enter starts a new line. */
  const noteKey = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void submit();
    }
  };

  /** Enter on an outcome submits too (a radio button is no text field, so the browser would not). */
  const formKey = (event: KeyboardEvent<HTMLFormElement>) => {
    const target = event.target as HTMLElement;
    if (event.key === 'Enter' && target instanceof HTMLInputElement && target.type === 'radio') {
      event.preventDefault();
      void submit();
    }
  };

  const mark =
    required === null ? '' : ` ${t.t(required ? 'closeRequest.required' : 'closeRequest.optional')}`;
  return (
    <Dialog title={t.t('confirm.closeTitle')} onClose={cancel} alert describedBy={bodyId}>
      <form className="close-request" onSubmit={(e) => void submit(e)} onKeyDown={formKey} noValidate>
        <p id={bodyId}>{t.t('confirm.closeBody', { name: row?.recipientName ?? '' })}</p>
        {required === null ? <p className="muted">{t.t('closeRequest.loading')}</p> : null}
        <fieldset
          className={`field${errors.outcome ? ' has-error' : ''}`}
          aria-describedby={errors.outcome ? outcomeErrorId : undefined}
          aria-invalid={errors.outcome ? true : undefined}
        >
          <legend>
            {t.t('closeRequest.outcome')}
            {mark}
          </legend>
          <div>
            {CLOSE_OUTCOMES.map((value, index) => (
              <label key={value} className="radio">
                <input
                  type="radio"
                  name="outcome"
                  value={value}
                  checked={outcome === value}
                  onChange={() => setOutcome(value)}
                  required={required === true}
                  {...(index === 0 ? { 'data-autofocus': true } : {})}
                />
                {outcomeLabel(t, value)}
              </label>
            ))}
          </div>
          {errors.outcome ? (
            <p id={outcomeErrorId} className="field-error" role="alert">
              {errors.outcome}
            </p>
          ) : null}
        </fieldset>
        <Field
          label={`${t.t('closeRequest.wrapUp')}${mark}`}
          hint={t.t('closeRequest.wrapUpHint')}
          error={errors.wrapUp}
        >
          <textarea
            rows={4}
            maxLength={CONVERSATION_LIMITS.wrapUpMax}
            value={wrapUp}
            required={required === true}
            onChange={(e) => setWrapUp(e.target.value)}
            onKeyDown={noteKey}
          />
        </Field>
        {errors.form ? (
          <p className="form-error" role="alert">
            {errors.form}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={cancel}>
            {t.t('confirm.cancel')}
          </button>
          <button type="submit" className="button danger" disabled={busy}>
            {t.t('confirm.closeConfirm')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
