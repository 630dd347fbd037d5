/**
 * What every server-rendered page shares (the join pages and the set-password page): the document, the
 * organisation's name above the content, the stylesheet and the script, all served by the service.
 */
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Translator } from '@shared/i18n/translator';
import type { OrgSettings } from '../services/context';

export interface PageContext {
  /** The words of the page, in the reader's language (its `locale` is the page's language attribute). */
  readonly i18n: Translator;
  readonly org: OrgSettings;
  /** Appended to asset URLs so a new version is never served from cache. */
  readonly assetVersion: string;
}

/** How a page follows the request: join.js listens; without JavaScript the page refreshes or says how. */
export interface LiveOptions {
  /** The state the page shows. */
  readonly state: string;
  /** Where join.js listens for changes, and the page to show when one comes. */
  readonly url: string;
  readonly page: string;
  /**
   * Without JavaScript: refresh every this many seconds (the page waits on someone else), or null (the
   * page has a form a refresh would clear): it says how to see changes instead.
   */
  readonly refreshSeconds: number | null;
}

export function Shell(props: {
  ctx: PageContext;
  title: string;
  children: ReactNode;
  live?: LiveOptions;
}): ReactNode {
  const { ctx, live } = props;
  const { i18n } = ctx;
  const liveData = live ? { 'data-state': live.state, 'data-live': live.url, 'data-page': live.page } : {};
  return (
    <html lang={i18n.locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>{`${props.title} · ${ctx.org.orgName}`}</title>
        <link rel="icon" type="image/svg+xml" href={`/assets/icon.svg?v=${ctx.assetVersion}`} />
        <link rel="stylesheet" href={`/assets/join.css?v=${ctx.assetVersion}`} />
        <script src={`/assets/join.js?v=${ctx.assetVersion}`} defer />
        {live?.refreshSeconds ? (
          // Parsed as a refresh only when scripts are off; with them, join.js follows the request.
          <noscript>
            <meta httpEquiv="refresh" content={String(live.refreshSeconds)} />
          </noscript>
        ) : null}
      </head>
      <body {...liveData}>
        <header className="org">{ctx.org.orgName}</header>
        <main id="main">{props.children}</main>
        {live ? (
          // What is true without scripts; join.js, which keeps the page live, puts its own sentence.
          <p className="live-note" data-live-note={i18n.t('joinPage.live')}>
            {live.refreshSeconds
              ? i18n.t('joinPage.liveRefreshes', { seconds: live.refreshSeconds })
              : i18n.t('joinPage.liveReload')}
          </p>
        ) : null}
      </body>
    </html>
  );
}

export function renderDocument(element: ReactNode): string {
  return `<!doctype html>${renderToStaticMarkup(element)}`;
}
