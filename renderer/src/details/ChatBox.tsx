/**
 * The chat box: a message to the end user (also by e-mail when the request has their address), sent
 * through the outbox (offline it waits, marked). Typing `/` offers the canned messages as a list (an
 * ARIA 1.2 combobox over the text box); picking one fills the box in the request's language. Disabled,
 * with the reason, when this agent may not write (not on the request, request closed).
 */
import { useEffect, useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { CannedMessage } from '@shared/domain/conversation';
import { CONVERSATION_LIMITS } from '@shared/domain/conversation';
import { fieldText } from '@shared/i18n/errors';
import type { RequestRow } from '@shared/ipc/views';
import { sendMessageSchema } from '@shared/schemas/conversation-input';
import { toFieldIssues } from '@shared/schemas/validation';
import type { Availability } from '../domain/row-actions';
import { useTranslator } from '../i18n/translation';
import { refusalText } from '../i18n/words';
import { useAppStore } from '../store/context';
import {
  PICKER_START,
  pickedText,
  pickerAfterInput,
  pickerClosed,
  pickerKey,
  pickerMatches,
  pickerOpen,
  type PickerState,
} from './canned-picker';

/** The canned messages, read when the box shows (the core answers its kept copy offline). */
function useCannedMessages(enabled: boolean): readonly CannedMessage[] {
  const store = useAppStore();
  const [messages, setMessages] = useState<readonly CannedMessage[]>([]);
  useEffect(() => {
    if (!enabled) return;
    let current = true;
    void store
      .getState()
      .call('cannedMessages.list', {})
      .then((result) => {
        if (current && result.ok) setMessages(result.value.messages);
      });
    return () => {
      current = false;
    };
  }, [store, enabled]);
  return messages;
}

export function ChatBox({
  request,
  live,
  availability,
}: {
  request: RequestRow;
  live: boolean;
  availability: Availability | null;
}) {
  const store = useAppStore();
  const t = useTranslator();
  const id = useId();
  const [text, setText] = useState('');
  const [byEmail, setByEmail] = useState(false);
  const [bySms, setBySms] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [picker, setPicker] = useState<PickerState>(PICKER_START);
  const enabled = availability?.enabled ?? false;
  const canned = useCannedMessages(enabled);
  const matches = pickerMatches(canned, text);
  const open = pickerOpen(picker, text, matches.length);
  const listId = `${id}-canned`;
  const optionId = (index: number) => `${id}-canned-${index}`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const reasonId = `${id}-reason`;

  const change = (next: string) => {
    setText(next);
    setPicker((state) => pickerAfterInput(state, next));
    if (error) setError(undefined);
  };

  const pick = (message: CannedMessage) => {
    setText(pickedText(message, request.emailLanguage));
    setPicker(PICKER_START);
  };

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!enabled) return;
    const parsed = sendMessageSchema.safeParse({ text, byEmail, bySms });
    if (!parsed.success) {
      const issue = toFieldIssues(parsed.error)[0];
      setError(issue ? fieldText(t, issue) : undefined);
      return;
    }
    setBusy(true);
    const result = await store.getState().call('requests.sendMessage', {
      requestId: request.id,
      ...parsed.data,
    });
    setBusy(false);
    if (!result.ok) {
      setError(refusalText(t, result.error));
      return;
    }
    setText('');
    setByEmail(false);
    setBySms(false);
    setError(undefined);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    const result = pickerKey(picker, event.key, matches.length, text);
    if (result.kind === 'none') {
      // Enter sends, Shift+Enter starts a new line.
      if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
        event.preventDefault();
        void submit();
      }
      return;
    }
    // The picker's key: not the details panel's (Escape would close it) nor the window's.
    event.preventDefault();
    event.stopPropagation();
    if (result.kind === 'pick') pick(matches[result.index]!);
    else setPicker(result.state);
  };

  const describedBy =
    [error ? errorId : null, hintId, enabled ? null : reasonId].filter(Boolean).join(' ') || undefined;
  return (
    <form className="chat-box" onSubmit={(e) => void submit(e)} noValidate>
      <div className={`field chat-field${error ? ' has-error' : ''}`}>
        <label htmlFor={`${id}-text`}>{t.t('chat.messageLabel')}</label>
        <div className="chat-combobox">
          <textarea
            id={`${id}-text`}
            rows={2}
            role="combobox"
            aria-autocomplete="list"
            aria-expanded={open}
            aria-controls={listId}
            aria-activedescendant={open ? optionId(picker.active) : undefined}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy}
            value={text}
            disabled={!enabled}
            maxLength={CONVERSATION_LIMITS.messageMax + 100}
            placeholder={t.t('chat.placeholder')}
            onChange={(e) => change(e.target.value)}
            onKeyDown={onKeyDown}
            onBlur={() => setPicker(pickerClosed(text))}
          />
          <ul
            id={listId}
            role="listbox"
            className="canned-list"
            aria-label={t.t('chat.cannedList')}
            hidden={!open}
          >
            {open
              ? matches.map((message, index) => (
                  <li
                    key={message.id}
                    id={optionId(index)}
                    role="option"
                    aria-selected={index === picker.active}
                    className={`canned-option${index === picker.active ? ' is-active' : ''}`}
                    // The text box keeps the focus: a press must not blur it before the click.
                    onMouseDown={(e) => e.preventDefault()}
                    onClick={() => pick(message)}
                  >
                    <span className="canned-name">/{message.name}</span>
                    <span className="canned-preview">{pickedText(message, request.emailLanguage)}</span>
                  </li>
                ))
              : null}
          </ul>
        </div>
        {error ? (
          <p id={errorId} className="field-error" role="alert">
            {error}
          </p>
        ) : null}
        <p id={hintId} className="field-hint">
          {live ? t.t('chat.hint') : t.t('chat.offline')}
        </p>
        {!enabled && availability?.reason ? (
          <p id={reasonId} className="muted chat-disabled">
            {availability.reason}
          </p>
        ) : null}
      </div>
      <div className="chat-actions">
        {request.recipientEmail ? (
          <label className="field-check">
            <input
              type="checkbox"
              checked={byEmail}
              disabled={!enabled}
              onChange={(e) => setByEmail(e.target.checked)}
            />
            {t.t('chat.alsoByEmail')}
          </label>
        ) : null}
        {request.recipientPhone ? (
          <label className="field-check">
            <input
              type="checkbox"
              checked={bySms}
              disabled={!enabled}
              onChange={(e) => setBySms(e.target.checked)}
            />
            {t.t('chat.alsoBySms')}
          </label>
        ) : null}
        <button type="submit" className="button primary" disabled={!enabled || busy}>
          {t.t('chat.send')}
        </button>
      </div>
    </form>
  );
}
