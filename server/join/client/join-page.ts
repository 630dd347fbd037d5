/**
 * The join page's only script (served as /assets/join.js): it keeps the page live — when the request
 * changes (the agent asks again, the request closes or expires) the page reloads to show it — and writes
 * dates in the browser's time zone. Everything works without it.
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
  const { live, state } = document.body.dataset;
  if (!live) return;
  const source = new EventSource(live);
  source.addEventListener('state', (event) => {
    const next = (JSON.parse((event as MessageEvent<string>).data) as { state: string }).state;
    if (next !== state) {
      source.close();
      window.location.reload();
    }
  });
}

document.addEventListener('DOMContentLoaded', () => {
  localizeTimes();
  listen();
});
