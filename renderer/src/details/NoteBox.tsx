/** Add a note to the request's timeline; offline it is queued and marked until it is sent. */
import { useState, type FormEvent } from 'react';
import { LIMITS } from '@shared/domain/limits';
import { fieldText } from '@shared/i18n/errors';
import { noteSchema } from '@shared/schemas/request-input';
import { toFieldIssues } from '@shared/schemas/validation';
import { Field } from '../components/Field';
import { useTranslator } from '../i18n/translation';
import { refusalText } from '../i18n/words';
import { useAppStore } from '../store/context';

export function NoteBox({ requestId, live }: { requestId: string; live: boolean }) {
  const store = useAppStore();
  const t = useTranslator();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = noteSchema.safeParse({ text });
    if (!parsed.success) {
      const issue = toFieldIssues(parsed.error)[0];
      setError(issue ? fieldText(t, issue) : undefined);
      return;
    }
    setBusy(true);
    const result = await store.getState().addNote(requestId, parsed.data.text);
    setBusy(false);
    if (!result.ok) {
      setError(refusalText(t, result.error));
      return;
    }
    setText('');
    setError(undefined);
  };
  return (
    <form className="note-box" onSubmit={(e) => void submit(e)} noValidate>
      <Field
        label={t.t('details.addNote')}
        error={error}
        hint={live ? undefined : t.t('details.noteOffline')}
      >
        <textarea
          rows={3}
          value={text}
          maxLength={LIMITS.noteMax + 100}
          placeholder={t.t('details.notePlaceholder')}
          onChange={(e) => {
            setText(e.target.value);
            if (error) setError(undefined);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit(e);
          }}
        />
      </Field>
      <button type="submit" className="button" disabled={busy}>
        {t.t('details.noteSubmit')}
      </button>
    </form>
  );
}
