/**
 * The end-user pages, rendered on the server with React (every value escaped): the request with Allow
 * access / Deny and the organisation's instructions for the remote-control app, its outcome states, the
 * PIN form and the not-found page. They work without JavaScript; /assets/join.js only keeps them live and
 * writes times in the browser's time zone.
 */
import type { ReactNode } from 'react';
import type { EmailLanguage } from '@shared/domain/languages';
import { formatDateTime } from '../i18n/catalog';
import type { JoinView } from '../services/end-user';
import { LineBreaks } from './line-breaks';
import { renderDocument, Shell, type PageContext } from './shell';

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

/** The request page, in whatever state the request is. */
export function renderJoinPage(
  ctx: PageContext,
  view: JoinView,
  token: string,
  options: { remoteIdError?: string; remoteIdValue?: string } = {},
): string {
  const { t, org, language } = ctx;
  const live = { state: stateKey(view), url: `${token}/live` };
  const expires = (
    <p className="expires">
      {renderParts(t.page.expires('\u0000'), <When at={view.expiresAt} language={language} />)}
    </p>
  );
  let title = t.page.title;
  let body: ReactNode;

  if (view.status === 'closed' || view.status === 'expired') {
    title = view.status === 'closed' ? t.page.closedTitle : t.page.expiredTitle;
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
        <p className="outcome">{t.page.denied}</p>
        {expires}
      </>
    );
  } else if (view.status === 'ready' || view.status === 'connected') {
    body = (
      <>
        <h1>{t.page.title}</h1>
        <p className="outcome outcome-ok">{view.status === 'ready' ? t.page.granted : t.page.connected}</p>
        {expires}
      </>
    );
  } else {
    body = (
      <>
        <h1>{t.page.heading(view.agentName, org.orgName)}</h1>
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
        <form method="post" action={`${token}/allow`} className="decision" noValidate>
          {org.remoteIdRequired ? (
            <div className="field">
              <label htmlFor="remoteId">{t.page.remoteIdLabel(org.remoteAppName)}</label>
              <input
                id="remoteId"
                name="remoteId"
                inputMode="text"
                autoComplete="off"
                spellCheck={false}
                required
                maxLength={64}
                defaultValue={options.remoteIdValue ?? view.remote ?? ''}
                aria-describedby={options.remoteIdError ? 'remoteId-hint remoteId-error' : 'remoteId-hint'}
                aria-invalid={options.remoteIdError ? true : undefined}
              />
              <p id="remoteId-hint" className="hint">
                {t.page.remoteIdHint(org.remoteAppName)}
              </p>
              {options.remoteIdError ? (
                <p id="remoteId-error" className="error" role="alert">
                  {options.remoteIdError}
                </p>
              ) : null}
            </div>
          ) : null}
          <div className="buttons">
            <button type="submit" className="allow">
              {t.page.allowButton}
            </button>
            <button type="submit" className="deny" formAction={`${token}/deny`} formNoValidate>
              {t.page.denyButton}
            </button>
          </div>
        </form>
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
    <Shell ctx={ctx} title={t.pin.title}>
      <h1>{t.pin.title}</h1>
      <form method="post" action="pin" className="pin-form" noValidate>
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
            aria-describedby={options.error ? 'pin-hint pin-error' : 'pin-hint'}
            aria-invalid={options.error ? true : undefined}
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
