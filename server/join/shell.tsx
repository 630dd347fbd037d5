/**
 * What every server-rendered page shares (the join pages and the set-password page): the document, the
 * organisation's name above the content, the stylesheet and the script, all served by the service.
 */
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { EmailLanguage } from '@shared/domain/languages';
import type { Catalog } from '../i18n/en';
import type { OrgSettings } from '../services/context';

export interface PageContext {
  readonly t: Catalog;
  readonly language: EmailLanguage;
  readonly org: OrgSettings;
  /** Appended to asset URLs so a new version is never served from cache. */
  readonly assetVersion: string;
}

export function Shell(props: {
  ctx: PageContext;
  title: string;
  children: ReactNode;
  /** The live state key and where to listen for changes, for join.js. */
  live?: { state: string; url: string };
}): ReactNode {
  const { ctx } = props;
  return (
    <html lang={ctx.language}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>{`${props.title} · ${ctx.org.orgName}`}</title>
        <link rel="icon" type="image/svg+xml" href={`/assets/icon.svg?v=${ctx.assetVersion}`} />
        <link rel="stylesheet" href={`/assets/join.css?v=${ctx.assetVersion}`} />
        <script src={`/assets/join.js?v=${ctx.assetVersion}`} defer />
      </head>
      <body {...(props.live ? { 'data-state': props.live.state, 'data-live': props.live.url } : {})}>
        <header className="org">{ctx.org.orgName}</header>
        <main id="main">{props.children}</main>
        {props.live ? (
          <p className="live-note" role="status">
            {ctx.t.page.live}
          </p>
        ) : null}
      </body>
    </html>
  );
}

export function renderDocument(element: ReactNode): string {
  return `<!doctype html>${renderToStaticMarkup(element)}`;
}
