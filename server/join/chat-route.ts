/**
 * POST /j/<token>/messages: the end user's chat message (issue 19). A form post (no JavaScript) comes back
 * to the page with 303, or — refused — the page again with the error beside the box and the text as typed
 * (400 empty or too long, 429 too many, with Retry-After). The page's script posts the same form with
 * `Accept: application/json` and gets the message, or the error worded in the page's language, as JSON.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CONVERSATION_LIMITS } from '@shared/domain/conversation';
import type { EmailLanguage } from '@shared/domain/languages';
import type { EndUserMessageOutcome } from '../services/conversation';
import type { Services } from '../services/services';
import { CHAT_ID, chatEvent } from './chat';
import { formField, sendPage } from './html';
import { renderJoinPage, type PageContext } from './page';
import { joinPaths, LINK_TOKEN } from './paths';

type Refusal = Exclude<EndUserMessageOutcome, { ok: true }>;

/** The refusal's status and code (the script's JSON), and its words in the page's language. */
function describe(refusal: Refusal, page: PageContext): { status: number; code: string; message: string } {
  const { i18n } = page;
  switch (refusal.reason) {
    case 'empty':
      return { status: 400, code: 'empty', message: i18n.t('joinChat.errorEmpty') };
    case 'too_long':
      return {
        status: 400,
        code: 'too_long',
        message: i18n.t('joinChat.errorTooLong', { max: CONVERSATION_LIMITS.messageMax }),
      };
    case 'too_many':
      return {
        status: 429,
        code: 'too_many_messages',
        message: i18n.t('joinChat.errorTooMany', { seconds: refusal.retryAfterSeconds }),
      };
    case 'closed':
      return { status: 409, code: 'chat_closed', message: i18n.t('joinChat.errorClosed') };
    case 'not_found':
      return { status: 404, code: 'not_found', message: i18n.t('joinPage.notFound') };
  }
}

export function registerJoinChatRoute(
  app: FastifyInstance,
  services: Services,
  pageContext: (request: FastifyRequest, chosen: EmailLanguage | null) => Promise<PageContext>,
  notFound: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>,
  failure: (request: FastifyRequest, reply: FastifyReply, error: unknown) => Promise<unknown>,
): void {
  const { conversation, endUser } = services;

  app.post<{ Params: { token: string }; Body: unknown }>(
    '/j/:token/messages',
    { schema: { hide: true } },
    async (request, reply) => {
      const { token } = request.params;
      const wantsJson = /\bapplication\/json\b/.test(request.headers.accept ?? '');
      if (!LINK_TOKEN.test(token)) return notFound(request, reply);
      const paths = joinPaths(token);
      const typed = formField(request.body, 'text');
      try {
        const outcome = await conversation.fromEndUser(token, typed);
        if (outcome.ok) {
          return wantsJson
            ? reply
                .status(201)
                .header('cache-control', 'no-store')
                .send({ message: chatEvent(outcome.line) })
            : reply.redirect(`${paths.page}#${CHAT_ID}`, 303);
        }
        const view = outcome.reason === 'not_found' ? null : await endUser.peek(token);
        if (!view) return notFound(request, reply);
        const page = await pageContext(request, view.language);
        const refused = describe(outcome, page);
        if (outcome.reason === 'too_many') reply.header('retry-after', String(outcome.retryAfterSeconds));
        if (wantsJson) {
          return reply
            .status(refused.status)
            .header('cache-control', 'no-store')
            .send({ error: { code: refused.code, message: refused.message } });
        }
        // Closed or expired meanwhile: the page says so, without a chat.
        if (outcome.reason === 'closed') return reply.redirect(paths.page, 303);
        return sendPage(
          reply,
          refused.status,
          renderJoinPage(page, view, token, { chat: { error: refused.message, value: typed } }),
        );
      } catch (error) {
        return failure(request, reply, error);
      }
    },
  );
}
