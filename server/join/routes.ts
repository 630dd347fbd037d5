/**
 * The end user's pages, without an account: /j/<token> (opening it moves the request to Waiting), its
 * Allow access, Deny and End access forms, its live updates (server-sent events), and /pin. Localized by
 * the language chosen for the request, else the browser's; strict CSP; no referrer, so the token never
 * leaks to other sites.
 */
import { isDatabaseUnavailable } from '../db/postgres/unavailable';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServerResponse } from 'node:http';
import {
  DEFAULT_EMAIL_LANGUAGE,
  pickLanguageFromAcceptLanguage,
  matchLanguage,
  type EmailLanguage,
} from '@shared/domain/languages';
import { pinSchema, remoteIdSchema } from '@shared/schemas/common';
import { translator } from '@shared/i18n/translator';
import type { EndUserOutcome, JoinView } from '../services/end-user';
import { ServiceError } from '../services/errors';
import type { Services } from '../services/services';
import type { JoinAssets } from './assets';
import { formField, sendPage } from './html';
import { renderJoinPage, renderMessagePage, renderPinPage, stateKey, type PageContext } from './page';
import { joinPaths, LINK_TOKEN, PIN_PATH } from './paths';
import { followChat, shownThrough } from './chat-live';
import { registerJoinChatRoute } from './chat-route';
import { registerRatingRoute } from './rating-route';

/** The end user's pages are not part of the API: they stay out of its OpenAPI document. */
const HIDDEN = { schema: { hide: true } };

const TOKEN = LINK_TOKEN;
const SSE_PING_MS = 25_000;

export function registerJoinRoutes(app: FastifyInstance, services: Services, assets: JoinAssets): void {
  const { endUser, ctx, limits, conversation, satisfaction } = services;
  const openStreams = new Set<ServerResponse>();

  const pageContext = async (request: FastifyRequest, chosen: EmailLanguage | null): Promise<PageContext> => {
    const lang = (request.query as Record<string, unknown>)['lang'];
    const asked = typeof lang === 'string' ? matchLanguage(lang) : null;
    const language =
      asked ??
      chosen ??
      pickLanguageFromAcceptLanguage(request.headers['accept-language']) ??
      DEFAULT_EMAIL_LANGUAGE;
    return { i18n: translator(language), org: await ctx.org(), assetVersion: assets.version };
  };

  const notFound = async (request: FastifyRequest, reply: FastifyReply) => {
    const page = await pageContext(request, null);
    const { i18n } = page;
    return sendPage(
      reply,
      404,
      renderMessagePage(page, i18n.t('joinPage.notFoundTitle'), i18n.t('joinPage.notFound')),
    );
  };

  const failure = async (request: FastifyRequest, reply: FastifyReply, error: unknown) => {
    const page = await pageContext(request, null);
    const { i18n } = page;
    if (error instanceof ServiceError && error.status === 429) {
      reply.header('retry-after', String(error.extra.retryAfterSeconds ?? 60));
      const seconds = error.extra.retryAfterSeconds ?? 60;
      return sendPage(
        reply,
        429,
        renderMessagePage(
          page,
          i18n.t('joinPage.pin.title'),
          i18n.t('joinPage.tooManyAttempts', { seconds }),
        ),
      );
    }
    // The database unreachable: the same "try again in a moment", as a 503 the end user's browser may retry.
    const unavailable = isDatabaseUnavailable(error);
    if (unavailable) reply.header('retry-after', '2');
    else request.log.error({ err: error }, 'join page failed');
    const status = unavailable ? 503 : 500;
    return sendPage(
      reply,
      status,
      renderMessagePage(page, i18n.t('joinPage.title'), i18n.t('joinPage.somethingWrong')),
    );
  };

  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    view: JoinView,
    token: string,
    status = 200,
  ) => {
    // A closed request's page asks "How did we do?" (rating-route.ts).
    const survey = view.status === 'closed' ? await satisfaction.survey(view.requestId) : null;
    const page = await pageContext(request, view.language);
    return sendPage(reply, status, renderJoinPage(page, view, token, survey ? { survey: { survey } } : {}));
  };

  /** After a form: the page again, by its address (a reload does not post twice). */
  const afterDecision = async (
    request: FastifyRequest,
    reply: FastifyReply,
    token: string,
    outcome: EndUserOutcome,
  ) =>
    !outcome.ok && outcome.reason === 'not_found'
      ? await notFound(request, reply)
      : reply.redirect(joinPaths(token).page, 303);

  app.get<{ Params: { token: string } }>('/j/:token', HIDDEN, async (request, reply) => {
    const { token } = request.params;
    if (!TOKEN.test(token)) return notFound(request, reply);
    try {
      const outcome = await endUser.open(token);
      return outcome.ok || outcome.reason === 'refused'
        ? await show(request, reply, outcome.view, token)
        : await notFound(request, reply);
    } catch (error) {
      return failure(request, reply, error);
    }
  });

  app.post<{ Params: { token: string }; Body: unknown }>(
    '/j/:token/allow',
    HIDDEN,
    async (request, reply) => {
      const { token } = request.params;
      if (!TOKEN.test(token)) return notFound(request, reply);
      try {
        let remoteId: string | undefined;
        const org = await ctx.org();
        if (org.remoteIdRequired) {
          const typed = formField(request.body, 'remoteId');
          const parsed = remoteIdSchema.safeParse(typed);
          if (!parsed.success) {
            const view = await endUser.peek(token);
            if (!view) return notFound(request, reply);
            const page = await pageContext(request, view.language);
            const message =
              typed.trim() === ''
                ? page.i18n.t('joinPage.remoteIdMissing', { appName: org.remoteAppName })
                : page.i18n.t('joinPage.remoteIdInvalid');
            return sendPage(
              reply,
              400,
              renderJoinPage(page, view, token, { remoteIdError: message, remoteIdValue: typed }),
            );
          }
          remoteId = parsed.data;
        }
        return afterDecision(request, reply, token, await endUser.allow(token, remoteId));
      } catch (error) {
        return failure(request, reply, error);
      }
    },
  );

  // Deny (the prompt) and End access (while access is allowed, during a session too): no input.
  for (const [action, decide] of [
    ['deny', (token: string) => endUser.deny(token)],
    ['end', (token: string) => endUser.endAccess(token)],
  ] as const) {
    app.post<{ Params: { token: string } }>(`/j/:token/${action}`, HIDDEN, async (request, reply) => {
      const { token } = request.params;
      if (!TOKEN.test(token)) return notFound(request, reply);
      try {
        return afterDecision(request, reply, token, await decide(token));
      } catch (error) {
        return failure(request, reply, error);
      }
    });
  }

  registerRatingRoute(app, services, { pageContext, notFound, failure, valid: (token) => TOKEN.test(token) });

  // Server-sent events: the state of the request now, then at every change, so an open page follows it.
  app.get<{ Params: { token: string } }>('/j/:token/live', HIDDEN, async (request, reply) => {
    const { token } = request.params;
    const view = TOKEN.test(token) ? await endUser.peek(token) : null;
    if (!view) return notFound(request, reply);
    reply.hijack();
    const stream = reply.raw;
    stream.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const send = (state: string) => stream.write(`event: state\ndata: ${JSON.stringify({ state })}\n\n`);
    send(stateKey(view));
    // The chat's messages after those the page shows, now and at each change (chat-live.ts).
    const checkChat = followChat(
      conversation,
      view.requestId,
      shownThrough(request.headers['last-event-id'], (request.query as Record<string, unknown>)['after']),
      (message) => {
        if (!stream.writableEnded)
          stream.write(`id: ${message.id}\nevent: message\ndata: ${JSON.stringify(message)}\n\n`);
      },
      (error) => request.log.error({ err: error }, 'join page chat read failed'),
    );
    checkChat();
    const unwatch = ctx.hub.watchRequest(view.requestId, (watch) => {
      send('gone' in watch ? 'gone' : stateKey(watch));
      if (!('gone' in watch)) checkChat();
    });
    const ping = setInterval(() => stream.write(': ping\n\n'), SSE_PING_MS);
    openStreams.add(stream);
    request.raw.on('close', () => {
      unwatch();
      clearInterval(ping);
      openStreams.delete(stream);
    });
    return reply;
  });

  registerJoinChatRoute(app, services, pageContext, notFound, failure);

  // Open event streams would keep the server from closing: end them first.
  app.addHook('preClose', (done) => {
    for (const stream of openStreams) stream.end();
    done();
  });

  app.get(PIN_PATH, HIDDEN, async (request, reply) =>
    sendPage(reply, 200, renderPinPage(await pageContext(request, null))),
  );

  app.post<{ Body: unknown }>(PIN_PATH, HIDDEN, async (request, reply) => {
    const page = await pageContext(request, null);
    const typed = formField(request.body, 'pin');
    try {
      await limits.pinPerAddress.hit(request.ip);
      const parsed = pinSchema.safeParse(typed);
      if (!parsed.success)
        return sendPage(
          reply,
          400,
          renderPinPage(page, { error: page.i18n.t('joinPage.pin.invalid'), value: typed }),
        );
      const token = await endUser.tokenForPin(parsed.data);
      if (!token)
        return sendPage(
          reply,
          404,
          renderPinPage(page, { error: page.i18n.t('joinPage.pin.unknown'), value: typed }),
        );
      return reply.redirect(joinPaths(token).page, 303);
    } catch (error) {
      return failure(request, reply, error);
    }
  });

  const asset = (type: string, body: string) => (_request: FastifyRequest, reply: FastifyReply) =>
    reply
      .headers({
        'content-type': type,
        'cache-control': 'public, max-age=31536000, immutable',
        'x-content-type-options': 'nosniff',
      })
      .send(body);
  app.get('/assets/join.css', HIDDEN, asset('text/css; charset=utf-8', assets.css));
  app.get('/assets/join.js', HIDDEN, asset('text/javascript; charset=utf-8', assets.js));
  app.get('/assets/icon.svg', HIDDEN, asset('image/svg+xml', assets.icon));
}
