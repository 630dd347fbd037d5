/**
 * The end-user pages, rendered on the server with React (every value escaped): the request with Allow
 * access / Deny and the organisation's instructions for the remote-control app, its outcome states (with
 * End access while access is allowed), the PIN form and the not-found page. They work without
 * JavaScript; /assets/join.js only keeps them live and writes times in the browser's time zone. Every
 * form and stream address is from the site root (paths.ts).
 */
import type { ReactNode } from 'react';
import type { Translator } from '@shared/i18n/translator';
import type { JoinView } from '../services/end-user';
import { chatIsOpen } from '@shared/domain/conversation';
import { Chat, type ChatForm } from './chat';
import { LineBreaks } from './line-breaks';
import { joinPaths, PIN_PATH } from './paths';
import { SurveySection, type SurveyView } from './rating';
import { renderDocument, Shell, type LiveOptions, type PageContext } from './shell';
import { formatUtcDateTime } from './utc-date-time';

export type { PageContext } from './shell';

/** Stands in for a value a sentence shows as an element (a <time>), to find where it goes. */
const PLACE = '\u0000';

function When(props: { at: number; i18n: Translator }): ReactNode {
  return (
    <time dateTime={new Date(props.at).toISOString()} data-local="">
      {formatUtcDateTime(props.i18n, props.at)}
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
  options: {
    remoteIdError?: string;
    remoteIdValue?: string;
    chat?: ChatForm;
    survey?: SurveyView;
  } = {},
): string {
  const { i18n } = ctx;
  const paths = joinPaths(token);
  const expires = (
    <p className="expires">
      {renderParts(i18n.t('joinPage.expires', { when: PLACE }), <When at={view.expiresAt} i18n={i18n} />)}
    </p>
  );
  let title = i18n.t('joinPage.title');
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
    title = view.status === 'closed' ? i18n.t('joinPage.closedTitle') : i18n.t('joinPage.expiredTitle');
    live = undefined;
    body = (
      <>
        <h1>{title}</h1>
        <p className="outcome">
          {view.status === 'closed' ? i18n.t('joinPage.closed') : i18n.t('joinPage.expired')}
        </p>
        {options.survey ? <SurveySection i18n={i18n} token={token} view={options.survey} /> : null}
      </>
    );
  } else if (view.status === 'waiting' && view.consent === 'denied') {
    body = (
      <>
        <h1>{i18n.t('joinPage.title')}</h1>
        <p className="outcome">
          {view.lastConsentEvent === 'access_ended'
            ? i18n.t('joinPage.accessEnded')
            : i18n.t('joinPage.denied')}
        </p>
        {expires}
      </>
    );
  } else if (view.status === 'ready' || view.status === 'connected') {
    body = (
      <>
        <h1>{i18n.t('joinPage.title')}</h1>
        <Granted ctx={ctx} view={view} />
        <form method="post" action={paths.end} className="end-access">
          <p id="end-access-hint" className="hint">
            {i18n.t('joinPage.endAccessHint')}
          </p>
          <div className="buttons">
            <button type="submit" className="deny" aria-describedby="end-access-hint">
              {i18n.t('joinPage.endAccessButton')}
            </button>
          </div>
        </form>
        {expires}
      </>
    );
  } else {
    live = { ...live, refreshSeconds: null };
    if (options.remoteIdError) title = i18n.t('joinPage.errorTitle', { title });
    body = (
      <>
        <Prompt ctx={ctx} view={view} paths={paths} options={options} />
        {expires}
      </>
    );
  }
  // The chat with the agents, while the request is open (the view carries no thread otherwise).
  const chatOpen = chatIsOpen(view.status);
  if (options.chat?.error) title = i18n.t('joinPage.errorTitle', { title });
  return renderDocument(
    <Shell ctx={ctx} title={title} live={live}>
      {body}
      {chatOpen ? <Chat i18n={i18n} lines={view.chat} paths={paths} form={options.chat ?? {}} /> : null}
    </Shell>,
  );
}

/** Ready or Connected: what the permission allows, and how long it lasts. */
function Granted(props: { ctx: PageContext; view: JoinView }): ReactNode {
  const { ctx, view } = props;
  const { i18n, org } = ctx;
  if (view.status === 'ready' && view.consentLapsesAt !== null) {
    // After a session, within the grace: until when the permission lasts.
    return (
      <p className="outcome outcome-ok">
        {renderParts(
          i18n.t('joinPage.sessionEnded', { when: PLACE }),
          <When at={view.consentLapsesAt} i18n={i18n} />,
        )}
      </p>
    );
  }
  return (
    <>
      <p className="outcome outcome-ok">
        {view.status === 'ready' ? i18n.t('joinPage.granted') : i18n.t('joinPage.connected')}
      </p>
      <p>{i18n.t('joinPage.oneSession', { minutes: org.consentGraceMinutes })}</p>
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
  const { i18n, org } = ctx;
  const appName = org.remoteAppName;
  const error = options.remoteIdError;
  return (
    <>
      <h1>{i18n.t('joinPage.heading', { agentName: view.agentName, orgName: org.orgName })}</h1>
      {view.lastConsentEvent === 'consent_lapsed' ? (
        <p className="outcome">{i18n.t('joinPage.consentLapsed')}</p>
      ) : null}
      <p>{i18n.t('joinPage.greeting', { recipientName: view.recipientName })}</p>
      {view.comments ? (
        <figure className="comments">
          <figcaption>{i18n.t('joinPage.commentsLabel')}</figcaption>
          <blockquote>{view.comments}</blockquote>
        </figure>
      ) : null}
      <p>{i18n.t('joinPage.explainAllow')}</p>
      <section className="steps" aria-labelledby="steps-heading">
        <h2 id="steps-heading">{i18n.t('joinPage.stepsHeading', { appName })}</h2>
        {org.remoteAppInstructions ? (
          <p className="instructions">
            <LineBreaks text={org.remoteAppInstructions} />
          </p>
        ) : null}
        <ol>
          <li>
            <a href={org.remoteAppUrl} rel="noreferrer noopener" target="_blank">
              {i18n.t('joinPage.stepDownload', { appName })}
            </a>
          </li>
          <li>{i18n.t('joinPage.stepOpen')}</li>
          {org.remoteIdRequired ? <li>{i18n.t('joinPage.stepAllow')}</li> : null}
        </ol>
      </section>
      <form method="post" action={paths.allow} className="decision" noValidate>
        {org.remoteIdRequired ? (
          <div className="field">
            <label htmlFor="remoteId">{i18n.t('joinPage.remoteIdLabel', { appName })}</label>
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
              {i18n.t('joinPage.remoteIdHint', { appName })}
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
            {i18n.t('joinPage.allowButton')}
          </button>
          <button type="submit" className="deny" formAction={paths.deny} formNoValidate>
            {i18n.t('joinPage.denyButton')}
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
  const { i18n } = ctx;
  const title = i18n.t('joinPage.pin.title');
  return renderDocument(
    <Shell ctx={ctx} title={options.error ? i18n.t('joinPage.errorTitle', { title }) : title}>
      <h1>{title}</h1>
      <form method="post" action={PIN_PATH} className="pin-form" noValidate>
        <div className="field">
          <label htmlFor="pin">{i18n.t('joinPage.pin.label')}</label>
          <p id="pin-hint" className="hint">
            {i18n.t('joinPage.pin.intro')}
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
            {i18n.t('joinPage.pin.button')}
          </button>
        </div>
      </form>
    </Shell>,
  );
}

/** Splits a translated sentence at the PLACE placeholder and puts `node` there. */
function renderParts(sentence: string, node: ReactNode): ReactNode {
  const [before = '', after = ''] = sentence.split(PLACE);
  return (
    <>
      {before}
      {node}
      {after}
    </>
  );
}
