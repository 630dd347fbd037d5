/**
 * The join page's only script (served as /assets/join.js): it keeps the page live — when the request
 * changes (the agent asks again, connects, the permission lapses, the request closes or expires) the page
 * shows it at once, and its note says the page updates by itself — and writes dates in the browser's time
 * zone. Everything works without it: the page then refreshes itself while it waits on someone else, or
 * says how to see changes.
 */
function localizeTimes(): void {
  const format = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
    dateStyle: 'full',
    timeStyle: 'short',
  });
  for (const element of document.querySelectorAll<HTMLTimeElement>('time[data-local]')) {
    const at = new Date(element.dateTime);
    if (!Number.isNaN(at.getTime())) element.textContent = format.format(at);
  }
}

function listen(): void {
  const { live, state, page } = document.body.dataset;
  if (!live || !page) return;
  const note = document.querySelector<HTMLElement>('[data-live-note]');
  if (note) note.textContent = note.dataset.liveNote ?? '';
  const source = new EventSource(live);
  source.addEventListener('state', (event) => {
    const next = (JSON.parse((event as MessageEvent<string>).data) as { state: string }).state;
    if (next !== state) {
      source.close();
      // The page's own address: a page shown after an error is at the form's, which a reload would post to.
      window.location.replace(page);
    }
  });
  // The page's own form is on its way: its answer shows the new state.
  document.addEventListener('submit', () => source.close());
}

document.addEventListener('DOMContentLoaded', () => {
  localizeTimes();
  listen();
});
