/** All of the service's SQL, by table group, over one connection. Nothing outside server/store/ writes SQL. */
import type { SqliteDatabase } from '../db/database';
import { AgentsStore } from './agents-store';
import { ChannelsStore } from './channels-store';
import { FeedStore } from './feed-store';
import { OrganisationStore } from './organisation-store';
import { IdempotencyStore, OutboxStore, type Sealer } from './outbox-store';
import { PasswordLinksStore } from './password-links-store';
import { RequestsStore } from './requests-store';
import { TokensStore } from './tokens-store';

export class Store {
  readonly agents: AgentsStore;
  readonly channels: ChannelsStore;
  readonly tokens: TokensStore;
  readonly requests: RequestsStore;
  readonly feed: FeedStore;
  readonly outbox: OutboxStore;
  readonly idempotency: IdempotencyStore;
  readonly organisation: OrganisationStore;
  readonly passwordLinks: PasswordLinksStore;

  /** `sealer` seals what holds secrets (queued mail, kept answers) with the service's key. */
  constructor(
    readonly db: SqliteDatabase,
    sealer: Sealer,
  ) {
    this.agents = new AgentsStore(db);
    this.channels = new ChannelsStore(db);
    this.tokens = new TokensStore(db);
    this.requests = new RequestsStore(db);
    this.feed = new FeedStore(db);
    this.outbox = new OutboxStore(db, sealer);
    this.idempotency = new IdempotencyStore(db, sealer);
    this.organisation = new OrganisationStore(db);
    this.passwordLinks = new PasswordLinksStore(db);
  }

  /** Runs `work` in one transaction (a savepoint when nested): all of it commits, or none. */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }
}
