/**
 * The query mix: what an agent does in the Session Requests tab over a big cache. Every view, the status
 * filters, every sort column both ways, searches (a common prefix, a name, an e-mail fragment, a PIN, two
 * words, nothing found), scrolling deep, and the sidebar's counts. Each is a command as the renderer sends
 * it over IPC, so the core's input validation and the rows' decoding are timed too.
 */
import type { CommandInput, SortColumn } from '@shared/ipc/contract';
import type { RequestRow } from '@shared/ipc/views';
import type { Channel } from '@shared/protocol/api';
import type { QueryContext } from './messages';

export type QuerySpec =
  | {
      readonly kind: QueryKind;
      readonly label: string;
      readonly command: 'requests.query';
      readonly input: CommandInput<'requests.query'>;
    }
  | {
      readonly kind: 'counts';
      readonly label: string;
      readonly command: 'requests.counts';
      readonly input: object;
    };

export const QUERY_KINDS = ['view', 'status', 'sort', 'search', 'deep', 'counts'] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];

const SORTS: readonly SortColumn[] = [
  'recipientName',
  'recipientEmail',
  'status',
  'assignee',
  'channel',
  'createdAt',
  'scheduledAt',
  'expiresAt',
];

/** The distinct queries of one round of the mix. */
export function queryMix(context: QueryContext): QuerySpec[] {
  const support = { type: 'channel', channelId: context.supportChannelId } as const;
  const privateChannel = { type: 'channel', channelId: context.privateChannelId } as const;
  const q = (
    kind: QueryKind,
    label: string,
    input: Partial<CommandInput<'requests.query'>> = {},
  ): QuerySpec => ({
    kind,
    label,
    command: 'requests.query',
    input: { view: { type: 'all' }, limit: 100, ...input },
  });
  const mix: QuerySpec[] = [
    q('view', 'all'),
    q('view', 'home', { view: { type: 'home' } }),
    q('view', 'channel Support', { view: support }),
    q('view', 'channel Private', { view: privateChannel }),
    q('view', 'past', { view: { type: 'past' } }),
    q('view', 'upcoming', { view: { type: 'upcoming' } }),

    q('status', 'all: open', { statuses: ['open'] }),
    q('status', 'all: waiting', { statuses: ['waiting'] }),
    q('status', 'all: ready', { statuses: ['ready'] }),
    q('status', 'all: waiting+ready', { statuses: ['waiting', 'ready'] }),
    q('status', 'all: connected', { statuses: ['connected'] }),
    q('status', 'home: ready', { view: { type: 'home' }, statuses: ['ready'] }),
    q('status', 'past: closed', { view: { type: 'past' }, statuses: ['closed'] }),
    q('status', 'past: expired', { view: { type: 'past' }, statuses: ['expired'] }),
  ];
  for (const column of SORTS) {
    for (const direction of ['asc', 'desc'] as const) {
      mix.push(q('sort', `all by ${column} ${direction}`, { sort: { column, direction } }));
    }
  }
  mix.push(
    q('sort', 'home by recipientName asc', {
      view: { type: 'home' },
      sort: { column: 'recipientName', direction: 'asc' },
    }),
    q('sort', 'past by status desc', {
      view: { type: 'past' },
      sort: { column: 'status', direction: 'desc' },
    }),
    q('sort', 'Support by expiresAt asc', { view: support, sort: { column: 'expiresAt', direction: 'asc' } }),
    q('sort', 'all: waiting by assignee asc', {
      statuses: ['waiting'],
      sort: { column: 'assignee', direction: 'asc' },
    }),

    q('search', 'all: "a" (a common prefix)', { search: 'a' }),
    q('search', 'all: "ma"', { search: 'ma' }),
    q('search', `all: "${context.surname}" (a surname)`, { search: context.surname }),
    q('search', `all: "${context.fullName}" (a full name)`, { search: context.fullName }),
    q('search', `all: "${context.emailFragment}" (e-mail fragment)`, { search: context.emailFragment }),
    q('search', 'all: the PIN', { search: context.pin }),
    q('search', 'all: the PIN typed in groups', { search: context.pin.replace(/(\d{3})(?=\d)/g, '$1 ') }),
    q('search', 'all: "printer offline" (two words)', { search: 'printer offline' }),
    q('search', 'all: "zzqxv" (no match)', { search: 'zzqxv' }),
    q('search', 'past: "vpn"', { view: { type: 'past' }, search: 'vpn' }),
    q('search', 'home: "a" + waiting', { view: { type: 'home' }, search: 'a', statuses: ['waiting'] }),
    q('search', 'all: "e" by recipientName asc', {
      search: 'e',
      sort: { column: 'recipientName', direction: 'asc' },
    }),

    q('deep', 'all @ 50,000', { offset: 50_000 }),
    q('deep', 'all by recipientName asc @ 50,000', {
      offset: 50_000,
      sort: { column: 'recipientName', direction: 'asc' },
    }),
    q('deep', 'all by status desc @ 25,000', {
      offset: 25_000,
      sort: { column: 'status', direction: 'desc' },
    }),
    q('deep', 'past @ 40,000', { view: { type: 'past' }, offset: 40_000 }),
    q('deep', 'all: "a" @ 10,000', { search: 'a', offset: 10_000 }),
    { kind: 'counts', label: 'requests.counts', command: 'requests.counts', input: {} },
  );
  return mix;
}

/** `count` queries: the mix over and over (a long session repeats what it does), in a fixed order. */
export function queriesToRun(context: QueryContext, count: number): QuerySpec[] {
  const mix = queryMix(context);
  return Array.from({ length: Math.max(count, mix.length) }, (_, i) => mix[i % mix.length]!);
}

/** What the mix searches for, from the cached channels and a first page of rows (newest first). */
export function queryContextOf(
  channels: readonly Pick<Channel, 'id' | 'kind' | 'name'>[],
  rows: readonly Pick<RequestRow, 'recipientName' | 'recipientEmail' | 'pin'>[],
): QueryContext {
  const support = channels.find((c) => c.kind === 'shared' && c.name === 'Support');
  const own = channels.find((c) => c.kind === 'private');
  const withEmail = rows.find((r) => r.recipientEmail && r.recipientName.split(' ').length === 2);
  if (!support || !own || !withEmail) throw new Error('the cache has no Support, Private or e-mail to query');
  const [local, domain] = withEmail.recipientEmail!.split('@') as [string, string];
  return {
    supportChannelId: support.id,
    privateChannelId: own.id,
    pin: rows.at(-1)!.pin,
    emailFragment: `${local.split('.').at(-1)}@${domain.split('.')[0]}`,
    fullName: withEmail.recipientName,
    surname: withEmail.recipientName.split(' ').at(-1)!,
  };
}
