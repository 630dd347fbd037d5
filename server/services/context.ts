/** What every service works with. Built once at start (server/service.ts), injected everywhere. */
import type { Logger } from 'pino';
import type { AccessSignals } from '../live/access-signals';
import type { LiveHub } from '../live/hub';
import type { Store } from '../store/store';
import type { Clock } from './clock';
import type { LinkBuilder } from './request-view';
import type { WriterDeps } from './request-writer';

/** What end users are shown about the organisation and the remote-control app they are asked to start. */
export interface OrgSettings {
  readonly orgName: string;
  readonly remoteAppName: string;
  readonly remoteAppUrl: string;
  readonly remoteIdRequired: boolean;
  /** Free text for the end user; lines separated by \n; may be empty. */
  readonly remoteAppInstructions: string;
  /** How long an Allow access lasts after the last agent disconnects; 0: it ends with the session. */
  readonly consentGraceMinutes: number;
}

export interface ServiceContext extends WriterDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly hub: LiveHub;
  /** Ends or refreshes streams on every instance (server/live/access-signals.ts). */
  readonly signals: AccessSignals;
  readonly links: LinkBuilder;
  readonly log: Logger;
  /**
   * The organisation settings as they are now: an admin may change them at any time, through any instance
   * of the service, so they are read from the store each time (one indexed row) rather than cached.
   */
  readonly org: () => Promise<OrgSettings>;
  /** The base of links, known once the server listens (port 0 picks one). */
  readonly publicUrl: () => string;
}
