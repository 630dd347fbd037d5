/** Join session: the 8-digit code another agent gave (or a sessiondesk://join link brought). */
import { useState, type FormEvent } from 'react';
import { fieldText } from '@shared/i18n/errors';
import { sessionCodeSchema } from '@shared/schemas/common';
import { toFieldIssues } from '@shared/schemas/validation';
import { Dialog } from '../components/Dialog';
import { Field } from '../components/Field';
import { useTranslator } from '../i18n/translation';
import { refusalText } from '../i18n/words';
import { useAppStore } from '../store/context';

export function JoinDialog({ code: initial }: { code: string }) {
  const store = useAppStore();
  const t = useTranslator();
  const [code, setCode] = useState(initial);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const close = () => store.getState().closeDialog();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = sessionCodeSchema.safeParse(code);
    if (!parsed.success) {
      const issue = toFieldIssues(parsed.error)[0];
      setError(issue ? fieldText(t, issue) : undefined);
      return;
    }
    setBusy(true);
    const result = await store.getState().join(parsed.data);
    setBusy(false);
    if (result.ok) close();
    else setError(refusalText(t, result.error));
  };
  return (
    <Dialog title={t.t('join.title')} onClose={close}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <p>{t.t('join.intro')}</p>
        <Field label={t.t('join.code')} error={error}>
          <input
            inputMode="numeric"
            autoComplete="off"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            maxLength={12}
            data-autofocus
          />
        </Field>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={close}>
            {t.t('join.cancel')}
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            {t.t('join.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
