/**
 * The change feed: GET /sync pages it; the WebSocket /stream pushes it live. A stream starts at the
 * client's cursor: it sends the backlog after it and then every new change, in batches that each name
 * the seq sent before them, with heartbeats. A client too far behind, or whose access changed, is told to
 * resync.
 */
import { constants as zlibConstants } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { syncPageSchema, type SyncPage } from '@shared/protocol/api';
import { HEARTBEAT_INTERVAL_MS, STREAM_CLOSE, type StreamMessage } from '@shared/protocol/stream';
import { streamQuerySchema, syncQuerySchema } from '@shared/schemas/query-input';
import { changesMessage, visibilityOf, type FeedSubscriber } from '../../live/hub';
import { agentAccess, visibleChannelIds } from '../../services/access';
import type { Services } from '../../services/services';
import { authorizeStream } from '../../console/stream-tickets';
import { authorize, securedBy, signedIn } from '../auth';
import { sendError } from '../errors';
import { answer, errorResponses } from './responses';
import type { App } from './types';

/**
 * GET /sync pages compressed when the client accepts it (undici's fetch, the client core's, asks for gzip
 * over http, and brotli too over https): a page of 5,000 requests is ~7.5 MB of JSON. At the fastest
 * levels bench:sync measured ~7× fewer bytes and no loss on loopback (README, Serving a sync); higher
 * levels were not measured end to end.
 * It runs on libuv's threadpool (the streaming path), off the event loop.
 */
export const SYNC_COMPRESSION = {
  encodings: ['br', 'gzip'],
  threshold: 1024,
  zlibOptions: { level: 1 },
  brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 1 } },
} as const;

/** A stream serves at most this much backlog; further behind, the client pages GET /sync first. */
const STREAM_BACKLOG = 1_000;
/** Changes per message when sending the backlog. */
const BACKLOG_BATCH = 100;
/** Bytes waiting in a socket's send buffer beyond which its client is told to resync instead. */
export const DEFAULT_MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

export function registerFeedRoutes(
  app: App,
  services: Services,
  maxBufferedBytes = DEFAULT_MAX_BUFFERED_BYTES,
): void {
  const { feed, ctx } = services;
  // One timer beats for every stream (a timer and a message per socket would cost memory and CPU at
  // thousands of streams); the message is serialized once.
  const heartbeats = setInterval(() => {
    ctx.store.requests.head().then(
      (head) => {
        const heartbeat: StreamMessage = {
          type: 'heartbeat',
          head,
          at: new Date(ctx.clock.now()).toISOString(),
        };
        ctx.hub.heartbeat(JSON.stringify(heartbeat));
      },
      (error: unknown) => ctx.log.warn({ err: error }, 'the heartbeat could not read the head'),
    );
  }, HEARTBEAT_INTERVAL_MS);
  app.addHook('onClose', (_app, done) => {
    clearInterval(heartbeats);
    done();
  });

  app.get('/sync', {
    onRequest: authorize(services, null),
    compress: { ...SYNC_COMPRESSION, encodings: [...SYNC_COMPRESSION.encodings] },
    schema: {
      tags: ['feed'],
      operationId: 'syncChanges',
      summary:
        'Page the changes the agent may see after `since` (0: everything). 410 resync_required: start from 0.',
      security: securedBy(null),
      querystring: syncQuerySchema,
      response: {
        200: answer('The changes after `since`, and the cursor to ask from next', syncPageSchema),
        ...errorResponses(400, 401, 403, 410),
      },
    },
    // A page is the JSON text the feed writes from the requests' stored wire JSON, up to 5,000 requests
    // with their timelines: it is sent as it is, not parsed and checked against its schema again. The
    // schema still documents it; tests/server/feed-wire-json.test.ts holds it equal to the objects the
    // stream sends.
    handler: async (request, reply) => {
      const page = await feed.pageJson(signedIn(request).agent, request.query, request.query.limit);
      // JSON text with a JSON content type goes out as it is (Fastify serializes only objects).
      return reply.type('application/json; charset=utf-8').send(page as unknown as SyncPage);
    },
  });

  app.get(
    '/stream',
    {
      websocket: true,
      // The Authorization header, or a one-use ticket from POST /stream/tickets (a browser's WebSocket).
      onRequest: authorizeStream(services),
      preHandler: upgradeRequired,
      schema: {
        tags: ['feed'],
        summary:
          'WebSocket: the same changes live, after `since`, in seq order, with heartbeats (from a browser: ' +
          'a `ticket` from POST /stream/tickets instead of the Authorization header)',
        security: securedBy(null),
        querystring: streamQuerySchema,
      },
    },
    async (socket, request) => {
      const { agent, familyId } = signedIn(request);
      const cursor = request.query;
      const { since } = cursor;
      const send = (message: StreamMessage | string) =>
        socket.send(typeof message === 'string' ? message : JSON.stringify(message));
      // Once the service closes the stream it stops feeding it at once (a consumer too slow to keep up is
      // sent nothing more while its close handshake waits), not when the socket has finished closing.
      let leave: (() => void) | null = null;
      let closing = false;
      const close = (code: number, reason: string) => {
        closing = true;
        leave?.();
        leave = null;
        socket.close(code, reason);
      };
      const resync = () => close(STREAM_CLOSE.resyncRequired.code, STREAM_CLOSE.resyncRequired.reason);

      const visibility = async () =>
        visibilityOf(await visibleChannelIds(ctx.store, await agentAccess(ctx.store, agent)));
      // A cursor another instance gave (the client moved here) may be ahead of what this one serves yet.
      await feed.catchUp(cursor);
      // The backlog is read and the stream subscribed in one transaction: no change commits between them (a
      // commit publishes to the hub before the next transaction begins), so none is missed or sent twice.
      const unsubscribe = await ctx.store.transaction(async () => {
        if (await feed.resyncReason(agent, cursor)) return null;
        const backlog = await feed.page(agent, cursor, STREAM_BACKLOG + 1);
        if (backlog.changes.length > STREAM_BACKLOG) return null;
        const subscriber: FeedSubscriber = {
          agentId: agent.id,
          familyId,
          visibility: await visibility(),
          cursor: since,
          send: (message) => {
            if (socket.bufferedAmount > maxBufferedBytes) return resync();
            socket.send(message);
          },
          beat: keepAlive(socket),
          invalidate: (what) => {
            // The new channels are in place before the client is told to fetch them again.
            const updated =
              what === 'channels'
                ? visibility().then((next) => void (subscriber.visibility = next))
                : Promise.resolve();
            updated.then(
              () => send({ type: 'invalidate', what }),
              (error: unknown) => {
                request.log.warn({ err: error }, 'the stream could not read its channels again');
                resync();
              },
            );
          },
          requireResync: resync,
          end: (why) => close(STREAM_CLOSE[why].code, STREAM_CLOSE[why].reason),
        };

        send({ type: 'ready', since, head: backlog.head });
        for (let i = 0; i < backlog.changes.length; i += BACKLOG_BATCH) {
          const changes = backlog.changes.slice(i, i + BACKLOG_BATCH);
          send(changesMessage(subscriber.cursor, changes.map((change) => JSON.stringify(change)).join(',')));
          subscriber.cursor = changes.at(-1)!.seq;
        }
        return ctx.hub.subscribe(subscriber);
      });
      if (!unsubscribe) return resync();
      // Told to go while subscribing (its cursor was already forgotten): out at once.
      if (closing) return unsubscribe();
      leave = unsubscribe;
      socket.on('close', () => {
        leave?.();
        leave = null;
      });
      socket.on('error', (error) => request.log.debug({ err: error }, 'stream socket error'));
    },
  );
}

/** The stream is a WebSocket: a plain GET is told to upgrade (the plugin would answer an empty 404). */
function upgradeRequired(request: FastifyRequest, reply: FastifyReply, done: () => void): void {
  if (request.ws) return done();
  void sendError(
    reply.header('upgrade', 'websocket'),
    426,
    'invalid_input',
    'The change stream is a WebSocket: connect with Upgrade: websocket.',
  );
}

/**
 * What a stream does at each heartbeat: a peer that has not answered the previous one's ping is dropped;
 * otherwise it is pinged and sent the heartbeat message.
 */
function keepAlive(socket: WebSocket): (heartbeat: Buffer) => void {
  let alive = true;
  socket.on('pong', () => (alive = true));
  return (heartbeat) => {
    if (!alive) return socket.terminate();
    alive = false;
    socket.ping();
    socket.send(heartbeat);
  };
}
