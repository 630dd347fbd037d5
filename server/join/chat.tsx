/**
 * The join page's chat with the agents (issue 19): the thread, oldest first, and a form to write. Text
 * only — React escapes every message, and links stay text. Without JavaScript the form posts and the page
 * comes back with the thread; /assets/join.js sends with fetch, appends what arrives by the page's event
 * stream and keeps what was typed across the page's reloads.
 */
import type { ReactNode } from 'react';
import { CONVERSATION_LIMITS } from '@shared/domain/conversation';
import type { Translator } from '@shared/i18n/translator';
import type { ChatLine } from '../services/conversation';
import type { joinPaths } from './paths';

/** The id the page's forms, script and the redirect after a post (`#chat`) find the chat by. */
export const CHAT_ID = 'chat';

/** What the form shows again after a refused message: why, and the text as typed. */
export interface ChatForm {
  readonly error?: string;
  readonly value?: string;
}

/** A message as the page's event stream sends it (event `message`) and the script's fetch gets it back. */
export interface ChatEvent {
  readonly id: number;
  readonly at: string;
  readonly from: ChatLine['from'];
  readonly author: string | null;
  readonly text: string;
}

export function chatEvent(line: ChatLine): ChatEvent {
  return {
    id: line.id,
    at: new Date(line.at).toISOString(),
    from: line.from,
    author: line.author,
    text: line.text,
  };
}

/** When a message was written: short, in UTC until the script writes it in the browser's zone. */
function formatWhen(i18n: Translator, at: number): string {
  const dateTime = i18n.formatDateTime(at, { dateStyle: 'short', timeStyle: 'short', timeZone: 'UTC' });
  return i18n.t('joinPage.utcDateTime', { dateTime });
}

export function Chat(props: {
  i18n: Translator;
  lines: readonly ChatLine[];
  paths: ReturnType<typeof joinPaths>;
  form: ChatForm;
}): ReactNode {
  const { i18n, lines, paths, form } = props;
  const error = form.error;
  const last = lines.at(-1)?.id ?? 0;
  return (
    <section className="chat" id={CHAT_ID} aria-labelledby="chat-heading">
      <h2 id="chat-heading">{i18n.t('joinChat.heading')}</h2>
      <p id="chat-empty" className="hint" hidden={lines.length > 0}>
        {i18n.t('joinChat.empty')}
      </p>
      {/* A live region holding the list (a list keeps its items' semantics; role="log" on it would not). */}
      {/* Focusable once it holds messages: it scrolls when the thread is long, and the keyboard must reach
          it too; empty, it takes no room and no Tab stop. */}
      <div
        className="chat-log"
        role="log"
        aria-labelledby="chat-heading"
        tabIndex={lines.length > 0 ? 0 : undefined}
      >
        <ol className="chat-thread" data-after={String(last)} data-you={i18n.t('joinChat.you')}>
          {lines.map((line) => (
            <li key={line.id} className={`chat-line from-${line.from}`} data-id={String(line.id)}>
              <p className="chat-meta">
                <span className="chat-author">{line.author ?? i18n.t('joinChat.you')}</span>{' '}
                <time dateTime={new Date(line.at).toISOString()} data-local="short">
                  {formatWhen(i18n, line.at)}
                </time>
              </p>
              <p className="chat-text">{line.text}</p>
            </li>
          ))}
        </ol>
      </div>
      <form method="post" action={paths.messages} className="chat-form" noValidate>
        <div className="field">
          <label htmlFor="chat-text">{i18n.t('joinChat.label')}</label>
          <textarea
            id="chat-text"
            name="text"
            rows={3}
            maxLength={CONVERSATION_LIMITS.messageMax}
            defaultValue={form.value ?? ''}
            aria-describedby={error ? 'chat-error chat-hint' : 'chat-hint'}
            aria-invalid={error ? true : undefined}
            autoFocus={error ? true : undefined}
          />
          <p id="chat-hint" className="hint">
            {i18n.t('joinChat.hint', { max: CONVERSATION_LIMITS.messageMax })}
          </p>
          {/* Always there, so the script can put an error in it; empty until there is one. */}
          <p id="chat-error" className="error" role="alert" hidden={!error}>
            {error ?? ''}
          </p>
        </div>
        <div className="buttons">
          <button type="submit" className="send">
            {i18n.t('joinChat.send')}
          </button>
        </div>
      </form>
    </section>
  );
}
