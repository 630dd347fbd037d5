/** Add a note to the request's timeline; offline it is queued and marked until it is sent. */
import { useState, type FormEvent } from 'react';
import { LIMITS } from '@shared/domain/limits';
import { noteSchema } from '@shared/schemas/request-input';
import { toFieldIssues } from '@shared/schemas/validation';
import { Field } from '../components/Field';
import { useAppStore } from '../store/context';
import { STRINGS } from '../strings';

export function NoteBox({ requestId, live }: { requestId: string; live: boolean }) {
  const store = useAppStore();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = noteSchema.safeParse({ text });
    if (!parsed.success) {
      setError(toFieldIssues(parsed.error)[0]?.message);
      return;
    }
    setBusy(true);
    const result = await store.getState().addNote(requestId, parsed.data.text);
    setBusy(false);
    if (!result.ok) {
      setError(result.error.fields?.[0]?.message ?? result.error.message);
      return;
    }
    setText('');
    setError(undefined);
  };
  return (
    <form className="note-box" onSubmit={(e) => void submit(e)} noValidate>
      <Field
        label={STRINGS.details.addNote}
        error={error}
        hint={live ? undefined : STRINGS.details.noteOffline}
      >
        <textarea
          rows={3}
          value={text}
          maxLength={LIMITS.noteMax + 100}
          placeholder={STRINGS.details.notePlaceholder}
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
        {STRINGS.details.noteSubmit}
      </button>
    </form>
  );
}
