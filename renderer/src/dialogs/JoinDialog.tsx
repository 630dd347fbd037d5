/** Join session: the 8-digit code another agent gave (or a sessiondesk://join link brought). */
import { useState, type FormEvent } from 'react';
import { sessionCodeSchema } from '@shared/schemas/common';
import { toFieldIssues } from '@shared/schemas/validation';
import { Dialog } from '../components/Dialog';
import { Field } from '../components/Field';
import { useAppStore } from '../store/context';
import { STRINGS } from '../strings';

export function JoinDialog({ code: initial }: { code: string }) {
  const store = useAppStore();
  const [code, setCode] = useState(initial);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const close = () => store.getState().closeDialog();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = sessionCodeSchema.safeParse(code);
    if (!parsed.success) {
      setError(toFieldIssues(parsed.error)[0]?.message);
      return;
    }
    setBusy(true);
    const result = await store.getState().join(parsed.data);
    setBusy(false);
    if (result.ok) close();
    else setError(result.error.fields?.[0]?.message ?? result.error.message);
  };
  return (
    <Dialog title={STRINGS.join.title} onClose={close}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <p>{STRINGS.join.intro}</p>
        <Field label={STRINGS.join.code} error={error}>
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
            {STRINGS.join.cancel}
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            {STRINGS.join.submit}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
