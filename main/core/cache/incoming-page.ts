/**
 * A page of GET /sync as the service sent it (bytes), parsed and checked against the protocol where the
 * cache's writes run: in its worker thread, so that a 30 MB page never holds the core's main thread
 * (its JSON.parse and schema check took up to 0.6 s there).
 */
import { syncPageSchema, type Change } from '@shared/protocol/api';

/** The page is not what this Sessiondesk understands: the same code as the API client's. */
export class BadPageError extends Error {
  override readonly name = 'BadPageError';
  readonly code = 'bad_response';
  constructor(detail: string) {
    super(
      `The service answered a sync page in a way this Sessiondesk does not understand (${detail}). It may be a different version.`,
    );
  }
}

/** What the sync engine needs of a page to go on: where the next one starts, and how much there is. */
export interface IncomingHead {
  readonly next: number;
  readonly hasMore: boolean;
  readonly total: number | null;
  readonly changes: number;
  /** The full sync the page belongs to, to send back with the next cursor (api.ts). */
  readonly fullSyncHead: number | null;
}

export function parseIncomingPage(body: ArrayBuffer): { head: IncomingHead; changes: Change[] } {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(body));
  } catch {
    throw new BadPageError('not JSON');
  }
  const parsed = syncPageSchema.safeParse(json);
  if (!parsed.success) throw new BadPageError(parsed.error.issues[0]?.message ?? 'not a sync page');
  const page = parsed.data;
  return {
    head: {
      next: page.next,
      hasMore: page.hasMore,
      total: page.total ?? null,
      changes: page.changes.length,
      fullSyncHead: page.fullSyncHead ?? null,
    },
    changes: page.changes,
  };
}
