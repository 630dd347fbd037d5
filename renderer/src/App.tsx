import { REQUEST_STATUSES } from '@shared/domain/status';
import { hasBridge } from './bridge';
import { STRINGS } from './strings';

/**
 * The application frame. The Session Requests tab arrives with the IPC contract; until the renderer runs
 * inside the desktop app or its browser shell, it says so instead of showing an empty window.
 */
export function App() {
  const connected = hasBridge();
  return (
    <main className="app">
      <header className="app-header">
        <h1>{STRINGS.appName}</h1>
        <p className="tagline">{STRINGS.tagline}</p>
      </header>
      {connected ? null : (
        <p role="alert" className="notice">
          {STRINGS.noBridge}
        </p>
      )}
      <section aria-labelledby="statuses-heading">
        <h2 id="statuses-heading">{STRINGS.statusesHeading}</h2>
        <dl className="statuses">
          {REQUEST_STATUSES.map((status) => (
            <div key={status} className={`status status-${status}`}>
              <dt>{STRINGS.status[status].label}</dt>
              <dd>{STRINGS.status[status].meaning}</dd>
            </div>
          ))}
        </dl>
      </section>
    </main>
  );
}
