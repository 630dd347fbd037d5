/** Shown when the page runs outside the desktop app and the browser shell: nothing to talk to. */
import { STRINGS } from '../strings';

export function NoBridge() {
  return (
    <main className="no-bridge">
      <h1>{STRINGS.appName}</h1>
      <p className="tagline">{STRINGS.tagline}</p>
      <p role="alert" className="notice">
        {STRINGS.noBridge}
      </p>
      <p className="muted">{STRINGS.noBridgeHelp}</p>
    </main>
  );
}
