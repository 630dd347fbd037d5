/** What every service works with. Built once at start (server/app.ts), injected everywhere. */
import type { Logger } from 'pino';
import type { LiveHub } from '../live/hub';
import type { Store } from '../store/store';
import type { Clock } from './clock';
import type { LinkBuilder } from './request-view';
import type { WriterDeps } from './request-writer';

export interface OrgSettings {
  readonly orgName: string;
  readonly remoteAppName: string;
  readonly remoteAppUrl: string;
  readonly remoteIdRequired: boolean;
}

export interface ServiceContext extends WriterDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly hub: LiveHub;
  readonly links: LinkBuilder;
  readonly log: Logger;
  readonly org: OrgSettings;
  /** The base of links, known once the server listens (port 0 picks one). */
  readonly publicUrl: () => string;
}
