/**
 * The end-user pages, rendered on the server with React (every value escaped): the request with Allow
 * access / Deny and the organisation's instructions for the remote-control app, its outcome states (with
 * End access while access is allowed), the PIN form and the not-found page. They work without
 * JavaScript; /assets/join.js only keeps them live and writes times in the browser's time zone. Every
 * form and stream address is from the site root (paths.ts).
 */
import type { ReactNode } from 'react';
import type { EmailLanguage } from '@shared/domain/languages';
import { formatDateTime } from '../i18n/catalog';
import type { JoinView } from '../services/end-user';
import { LineBreaks } from './line-breaks';
import { joinPaths, PIN_PATH } from './paths';
import { renderDocument, Shell, type LiveOptions, type PageContext } from './shell';

export type { PageContext } from './shell';

function When(props: { at: number; language: EmailLanguage }): ReactNode {
  return (
    <time dateTime={new Date(props.at).toISOString()} data-local="">
      {formatDateTime(props.at, props.language)}
    </time>
  );
}

export function stateKey(view: Pick<JoinView, 'status' | 'consent'>): string {
  return `${view.status}/${view.consent}`;
}

/** Without JavaScript, a page waiting on someone else refreshes this often. */
export const NO_SCRIPT_REFRESH_SECONDS = 10;

/** The request page, in whatever state the request is. */
export function renderJoinPage(
  ctx: PageContext,
  view: JoinView,
  token: string,
  options: { remoteIdError?: string; remoteIdValue?: string } = {},
): string {
  const { t, language } = ctx;
  const paths = joinPaths(token);
  const expires = (
    <p className="expires">
      {renderParts(t.page.expires('\u0000'), <When at={view.expiresAt} language={language} />)}
    </p>
  );
  let title = t.page.title;
  let body: ReactNode;
  // Final states never change again; the others wait on the agent, except the prompt, which waits on
  // the end user (a refresh would clear what they typed).
  let live: LiveOptions | undefined = {
    state: stateKey(view),
    url: paths.live,
    page: paths.page,
    refreshSeconds: NO_SCRIPT_REFRESH_SECONDS,
  };

  if (view.status === 'closed' || view.status === 'expired') {
    title = view.status === 'closed' ? t.page.closedTitle : t.page.expiredTitle;
    live = undefined;
    body = (
      <>
        <h1>{title}</h1>
        <p className="outcome">{view.status === 'closed' ? t.page.closed : t.page.expired}</p>
      </>
    );
  } else if (view.status === 'waiting' && view.consent === 'denied') {
    body = (
      <>
        <h1>{t.page.title}</h1>
        <p className="outcome">
          {view.lastConsentEvent === 'access_ended' ? t.page.accessEnded : t.page.denied}
        </p>
        {expires}
      </>
    );
  } else if (view.status === 'ready' || view.status === 'connected') {
    body = (
      <>
        <h1>{t.page.title}</h1>
        <Granted ctx={ctx} view={view} />
        <form method="post" action={paths.end} className="end-access">
          <p id="end-access-hint" className="hint">
            {t.page.endAccessHint}
          </p>
          <div className="buttons">
            <button type="submit" className="deny" aria-describedby="end-access-hint">
              {t.page.endAccessButton}
            </button>
          </div>
        </form>
        {expires}
      </>
    );
  } else {
    live = { ...live, refreshSeconds: null };
    if (options.remoteIdError) title = t.page.errorTitle(title);
    body = (
      <>
        <Prompt ctx={ctx} view={view} paths={paths} options={options} />
        {expires}
      </>
    );
  }
  return renderDocument(
    <Shell ctx={ctx} title={title} live={live}>
      {body}
    </Shell>,
  );
}

/** Ready or Connected: what the permission allows, and how long it lasts. */
function Granted(props: { ctx: PageContext; view: JoinView }): ReactNode {
  const { ctx, view } = props;
  const { t, org, language } = ctx;
  if (view.status === 'ready' && view.consentLapsesAt !== null) {
    // After a session, within the grace: until when the permission lasts.
    return (
      <p className="outcome outcome-ok">
        {renderParts(t.page.sessionEnded('\u0000'), <When at={view.consentLapsesAt} language={language} />)}
      </p>
    );
  }
  return (
    <>
      <p className="outcome outcome-ok">{view.status === 'ready' ? t.page.granted : t.page.connected}</p>
      <p>{t.page.oneSession(org.consentGraceMinutes)}</p>
    </>
  );
}

/** Who asks, their message, how to start the app, and Allow access / Deny. */
function Prompt(props: {
  ctx: PageContext;
  view: JoinView;
  paths: ReturnType<typeof joinPaths>;
  options: { remoteIdError?: string; remoteIdValue?: string };
}): ReactNode {
  const { ctx, view, paths, options } = props;
  const { t, org } = ctx;
  const error = options.remoteIdError;
  return (
    <>
      <h1>{t.page.heading(view.agentName, org.orgName)}</h1>
      {view.lastConsentEvent === 'consent_lapsed' ? <p className="outcome">{t.page.consentLapsed}</p> : null}
      <p>{t.page.greeting(view.recipientName)}</p>
      {view.comments ? (
        <figure className="comments">
          <figcaption>{t.page.commentsLabel}</figcaption>
          <blockquote>{view.comments}</blockquote>
        </figure>
      ) : null}
      <p>{t.page.explainAllow}</p>
      <section className="steps" aria-labelledby="steps-heading">
        <h2 id="steps-heading">{t.page.stepsHeading(org.remoteAppName)}</h2>
        {org.remoteAppInstructions ? (
          <p className="instructions">
            <LineBreaks text={org.remoteAppInstructions} />
          </p>
        ) : null}
        <ol>
          <li>
            <a href={org.remoteAppUrl} rel="noreferrer noopener" target="_blank">
              {t.page.stepDownload(org.remoteAppName)}
            </a>
          </li>
          <li>{t.page.stepOpen}</li>
          {org.remoteIdRequired ? <li>{t.page.stepAllow}</li> : null}
        </ol>
      </section>
      <form method="post" action={paths.allow} className="decision" noValidate>
        {org.remoteIdRequired ? (
          <div className="field">
            <label htmlFor="remoteId">{t.page.remoteIdLabel(org.remoteAppName)}</label>
            {/* After an error the field has the focus, and the error is read first. */}
            <input
              id="remoteId"
              name="remoteId"
              inputMode="text"
              autoComplete="off"
              spellCheck={false}
              required
              maxLength={64}
              defaultValue={options.remoteIdValue ?? view.remote ?? ''}
              aria-describedby={error ? 'remoteId-error remoteId-hint' : 'remoteId-hint'}
              aria-invalid={error ? true : undefined}
              autoFocus={error ? true : undefined}
            />
            <p id="remoteId-hint" className="hint">
              {t.page.remoteIdHint(org.remoteAppName)}
            </p>
            {error ? (
              <p id="remoteId-error" className="error" role="alert">
                {error}
              </p>
            ) : null}
          </div>
        ) : null}
        <div className="buttons">
          <button type="submit" className="allow">
            {t.page.allowButton}
          </button>
          <button type="submit" className="deny" formAction={paths.deny} formNoValidate>
            {t.page.denyButton}
          </button>
        </div>
      </form>
    </>
  );
}

/** A page with a title and one message: not found, too many attempts, a failure. */
export function renderMessagePage(ctx: PageContext, title: string, message: string): string {
  return renderDocument(
    <Shell ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p className="outcome">{message}</p>
    </Shell>,
  );
}

export function renderPinPage(ctx: PageContext, options: { error?: string; value?: string } = {}): string {
  const { t } = ctx;
  return renderDocument(
    <Shell ctx={ctx} title={options.error ? t.page.errorTitle(t.pin.title) : t.pin.title}>
      <h1>{t.pin.title}</h1>
      <form method="post" action={PIN_PATH} className="pin-form" noValidate>
        <div className="field">
          <label htmlFor="pin">{t.pin.label}</label>
          <p id="pin-hint" className="hint">
            {t.pin.intro}
          </p>
          <input
            id="pin"
            name="pin"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9 -]*"
            maxLength={13}
            required
            defaultValue={options.value ?? ''}
            aria-describedby={options.error ? 'pin-error pin-hint' : 'pin-hint'}
            aria-invalid={options.error ? true : undefined}
            autoFocus={options.error ? true : undefined}
          />
          {options.error ? (
            <p id="pin-error" className="error" role="alert">
              {options.error}
            </p>
          ) : null}
        </div>
        <div className="buttons">
          <button type="submit" className="allow">
            {t.pin.button}
          </button>
        </div>
      </form>
    </Shell>,
  );
}

/** Splits a translated sentence at the \u0000 placeholder and puts `node` there. */
function renderParts(sentence: string, node: ReactNode): ReactNode {
  const [before = '', after = ''] = sentence.split('\u0000');
  return (
    <>
      {before}
      {node}
      {after}
    </>
  );
}
