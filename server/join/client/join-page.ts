/**
 * The join page's only script (served as /assets/join.js): it keeps the page live — when the request
 * changes (the agent asks again, connects, the permission lapses, the request closes or expires) the page
 * shows it at once, and its note says the page updates by itself — and writes dates in the browser's time
 * zone. Everything works without it: the page then refreshes itself while it waits on someone else, or
 * says how to see changes.
 *
 * The chat (issue 19): messages arrive by the same event stream (event `message`) and are appended as
 * text; sending posts the form with fetch, so the page does not reload for a message; what was typed is
 * kept in sessionStorage across the reloads a change of state makes.
 */
function localizeTimes(root: ParentNode = document): void {
  const styles: Record<string, Intl.DateTimeFormatOptions> = {
    '': { dateStyle: 'full', timeStyle: 'short' },
    short: { dateStyle: 'short', timeStyle: 'short' },
  };
  const lang = document.documentElement.lang || undefined;
  for (const element of root.querySelectorAll<HTMLTimeElement>('time[data-local]')) {
    const at = new Date(element.dateTime);
    const style = styles[element.dataset.local ?? ''] ?? styles['']!;
    if (!Number.isNaN(at.getTime())) element.textContent = new Intl.DateTimeFormat(lang, style).format(at);
  }
}

/** A chat message as the event stream and the send answer carry it (server/join/chat.tsx: ChatEvent). */
interface ChatMessage {
  readonly id: number;
  readonly at: string;
  readonly from: 'agent' | 'end_user';
  readonly author: string | null;
  readonly text: string;
}

/** The chat on the page, or null when the request takes no messages (closed, expired). */
function chatOf(): {
  thread: HTMLOListElement;
  form: HTMLFormElement;
  box: HTMLTextAreaElement;
  error: HTMLElement;
  append: (message: ChatMessage) => void;
} | null {
  const thread = document.querySelector<HTMLOListElement>('.chat-thread');
  const form = document.querySelector<HTMLFormElement>('.chat-form');
  const box = document.querySelector<HTMLTextAreaElement>('#chat-text');
  const error = document.querySelector<HTMLElement>('#chat-error');
  if (!thread || !form || !box || !error) return null;
  const append = (message: ChatMessage) => {
    if (thread.querySelector(`li[data-id="${message.id}"]`)) return;
    const item = document.createElement('li');
    item.className = `chat-line from-${message.from === 'end_user' ? 'end_user' : 'agent'}`;
    item.dataset.id = String(message.id);
    const meta = document.createElement('p');
    meta.className = 'chat-meta';
    const author = document.createElement('span');
    author.className = 'chat-author';
    author.textContent = message.author ?? thread.dataset.you ?? '';
    const time = document.createElement('time');
    time.dateTime = message.at;
    time.dataset.local = 'short';
    meta.append(author, ' ', time);
    const text = document.createElement('p');
    text.className = 'chat-text';
    text.textContent = message.text;
    item.append(meta, text);
    thread.append(item);
    localizeTimes(item);
    thread.dataset.after = String(Math.max(Number(thread.dataset.after ?? 0), message.id));
    document.querySelector<HTMLElement>('#chat-empty')?.setAttribute('hidden', '');
    scrollToNewest(thread);
  };
  return { thread, form, box, error, append };
}

type Chat = NonNullable<ReturnType<typeof chatOf>>;

/** The thread scrolls within its live region (the list's parent): the newest message in view. */
function scrollToNewest(thread: HTMLElement): void {
  const log = thread.parentElement;
  if (!log || thread.childElementCount === 0) return;
  log.tabIndex = 0;
  log.scrollTop = log.scrollHeight;
}

/** Where what the end user types waits across reloads: per page, for this tab only. */
const draftKey = () => `sessiondesk-chat-draft:${window.location.pathname}`;

function showError(chat: Chat, message: string | null): void {
  chat.error.textContent = message ?? '';
  chat.error.hidden = message === null;
  if (message === null) {
    chat.box.removeAttribute('aria-invalid');
    chat.box.setAttribute('aria-describedby', 'chat-hint');
  } else {
    chat.box.setAttribute('aria-invalid', 'true');
    chat.box.setAttribute('aria-describedby', 'chat-error chat-hint');
    chat.box.focus();
  }
}

/** Sends with fetch; the answer's message is appended, a refusal shown beside the box, the text kept. */
function wireChat(chat: Chat): void {
  const saved = sessionStorage.getItem(draftKey());
  if (saved && chat.box.value === '') chat.box.value = saved;
  chat.box.addEventListener('input', () => sessionStorage.setItem(draftKey(), chat.box.value));
  scrollToNewest(chat.thread);
  chat.form.addEventListener('submit', (event) => {
    event.preventDefault();
    // The page's other forms close the event stream as they go; this one stays on the page.
    event.stopPropagation();
    const button = chat.form.querySelector<HTMLButtonElement>('button[type="submit"]');
    if (button) button.disabled = true;
    fetch(chat.form.action, {
      method: 'POST',
      headers: { accept: 'application/json' },
      body: new URLSearchParams({ text: chat.box.value }),
    })
      .then(async (response) => {
        const type = response.headers.get('content-type') ?? '';
        if (!type.includes('application/json')) throw new Error(`HTTP ${response.status}`);
        const body = (await response.json()) as {
          message?: ChatMessage;
          error?: { code: string; message: string };
        };
        if (body.message) {
          chat.append(body.message);
          chat.box.value = '';
          sessionStorage.removeItem(draftKey());
          showError(chat, null);
        } else if (body.error?.code === 'chat_closed') {
          window.location.replace(document.body.dataset.page ?? window.location.pathname);
        } else {
          showError(chat, body.error?.message ?? '');
        }
      })
      // No answer the script understands: the form goes as it would without JavaScript.
      .catch(() => chat.form.submit())
      .finally(() => {
        if (button) button.disabled = false;
      });
  });
}

function listen(chat: Chat | null): void {
  const { live, state, page } = document.body.dataset;
  if (!live || !page) return;
  const note = document.querySelector<HTMLElement>('[data-live-note]');
  if (note) note.textContent = note.dataset.liveNote ?? '';
  // The messages after those the page shows; a reconnection asks after the last received (Last-Event-ID).
  const source = new EventSource(chat ? `${live}?after=${chat.thread.dataset.after ?? 0}` : live);
  source.addEventListener('state', (event) => {
    const next = (JSON.parse((event as MessageEvent<string>).data) as { state: string }).state;
    if (next !== state) {
      source.close();
      // The page's own address: a page shown after an error is at the form's, which a reload would post to.
      window.location.replace(page);
    }
  });
  source.addEventListener('message', (event) => {
    chat?.append(JSON.parse((event as MessageEvent<string>).data) as ChatMessage);
  });
  // The page's own form is on its way: its answer shows the new state.
  document.addEventListener('submit', () => source.close());
}

document.addEventListener('DOMContentLoaded', () => {
  localizeTimes();
  const chat = chatOf();
  if (chat) wireChat(chat);
  listen(chat);
});
