/**
 * The Canned messages tab (issue 19): the ready answers agents pick in the chat box (`/` then the
 * name), each a name and a text per language, read from the service when the tab opens and saved whole.
 * A language left empty falls back to English (or the first text there is) when an agent picks it.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { CONVERSATION_LIMITS } from '@shared/domain/conversation';
import { EMAIL_LANGUAGES, type EmailLanguage } from '@shared/domain/languages';
import { errorText, fieldText } from '@shared/i18n/errors';
import { replaceCannedMessagesSchema } from '@shared/schemas/conversation-input';
import { toFieldIssues } from '@shared/schemas/validation';
import type { CommandError } from '../domain/errors';
import { useTranslator } from '../i18n/translation';
import { FormError, OfflineNote } from './AdminFormParts';
import { useAdmin } from './use-admin';

/** A row as edited: every language's text, '' when it has none. */
interface Row {
  readonly key: number;
  readonly name: string;
  readonly texts: Readonly<Record<EmailLanguage, string>>;
}

let nextKey = 1;
const emptyTexts = () =>
  Object.fromEntries(EMAIL_LANGUAGES.map((language) => [language, ''])) as Record<EmailLanguage, string>;

function toRow(message: { name: string; texts: Partial<Record<EmailLanguage, string>> }): Row {
  return { key: nextKey++, name: message.name, texts: { ...emptyTexts(), ...message.texts } };
}

/** What is saved: each row's name and the languages it has a text in. */
function toInput(rows: readonly Row[]) {
  return {
    messages: rows.map((row) => ({
      name: row.name.trim(),
      texts: Object.fromEntries(Object.entries(row.texts).filter(([, text]) => text.trim() !== '')),
    })),
  };
}

export function CannedMessagesPanel() {
  const t = useTranslator();
  const { store, live, offlineReason } = useAdmin();
  const [rows, setRows] = useState<Row[] | null>(null);
  const [refusal, setRefusal] = useState<CommandError | null>(null);
  const [invalid, setInvalid] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!live) return;
    let current = true;
    void store
      .getState()
      .call('cannedMessages.list', {})
      .then((result) => {
        if (!current) return;
        // What the admin is editing stays after a reconnection.
        if (result.ok) setRows((shown) => shown ?? result.value.messages.map(toRow));
        else setRefusal(result.error);
      });
    return () => {
      current = false;
    };
  }, [store, live]);

  const update = (key: number, change: Partial<Omit<Row, 'key'>>) =>
    setRows((shown) => shown && shown.map((row) => (row.key === key ? { ...row, ...change } : row)));

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!rows) return;
    setRefusal(null);
    setInvalid(null);
    const parsed = replaceCannedMessagesSchema.safeParse(toInput(rows));
    if (!parsed.success) {
      const issue = toFieldIssues(parsed.error)[0];
      // "messages.2.name": the third message is at fault; the list as a whole otherwise (duplicates).
      const index = Number(issue?.field.split('.')[1]);
      const reason = issue ? fieldText(t, issue) : null;
      setInvalid(
        reason !== null && Number.isInteger(index)
          ? t.t('admin.canned.invalid', { position: index + 1, reason })
          : reason,
      );
      return;
    }
    setBusy(true);
    const result = await store.getState().call('admin.replaceCannedMessages', parsed.data);
    setBusy(false);
    if (!result.ok) return setRefusal(result.error);
    setRows(result.value.messages.map(toRow));
    store.getState().toast({ tone: 'info', title: t.t('admin.canned.saved') });
  };

  const editable = live && !busy;
  return (
    <form className="admin-canned" onSubmit={(e) => void save(e)} noValidate aria-busy={busy}>
      <p className="admin-intro">{t.t('admin.canned.intro')}</p>
      <OfflineNote live={live} reason={offlineReason} />
      {live && !rows && !refusal ? <p className="muted">{t.t('admin.canned.loading')}</p> : null}
      {rows ? (
        <fieldset className="admin-stack" disabled={!editable}>
          <legend>{t.t('admin.canned.legend')}</legend>
          {rows.length === 0 ? <p className="muted">{t.t('admin.canned.empty')}</p> : null}
          {rows.map((row) => (
            <section
              key={row.key}
              className="admin-canned-message"
              aria-label={t.t('admin.canned.messageLabel', { name: row.name || '…' })}
            >
              <label className="field">
                <span>{t.t('admin.canned.name')}</span>
                <input
                  value={row.name}
                  maxLength={CONVERSATION_LIMITS.cannedNameMax}
                  spellCheck={false}
                  onChange={(e) => update(row.key, { name: e.target.value })}
                />
              </label>
              {EMAIL_LANGUAGES.map((language) => (
                <label key={language} className="field">
                  <span>{t.t('admin.canned.text', { language: t.t(`languages.${language}`) })}</span>
                  <textarea
                    rows={2}
                    lang={language}
                    value={row.texts[language]}
                    maxLength={CONVERSATION_LIMITS.cannedTextMax}
                    onChange={(e) => update(row.key, { texts: { ...row.texts, [language]: e.target.value } })}
                  />
                </label>
              ))}
              <button
                type="button"
                className="button small"
                onClick={() => setRows(rows.filter((other) => other.key !== row.key))}
              >
                {t.t('admin.canned.remove', { name: row.name || '…' })}
              </button>
            </section>
          ))}
          <button
            type="button"
            className="button"
            disabled={rows.length >= CONVERSATION_LIMITS.cannedMax}
            onClick={() => setRows([...rows, toRow({ name: '', texts: {} })])}
          >
            {t.t('admin.canned.add')}
          </button>
        </fieldset>
      ) : null}
      <FormError message={refusal ? errorText(t, refusal) : invalid} />
      {rows ? (
        <div className="dialog-actions">
          <button type="submit" className="button primary" disabled={!editable}>
            {busy ? t.t('admin.busy') : t.t('admin.canned.save')}
          </button>
        </div>
      ) : null}
    </form>
  );
}
