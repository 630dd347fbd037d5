/**
 * POST /j/<token>/rating: the end user's answer to "How did we do?" (issue 19), from the closed request's
 * page. Accepted once: the page then says thank you (303 to it, so a reload does not post again). A
 * refusal — no rating chosen, a comment too long, an answer already given — shows the page again with the
 * reason in the page's language.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CONVERSATION_LIMITS } from '@shared/domain/conversation';
import type { EmailLanguage } from '@shared/domain/languages';
import { ratingSchema } from '@shared/schemas/conversation-input';
import type { Services } from '../services/services';
import { formField, sendPage } from './html';
import { renderJoinPage, type PageContext } from './page';
import { joinPaths } from './paths';

export interface JoinRouteHelpers {
  readonly pageContext: (request: FastifyRequest, chosen: EmailLanguage | null) => Promise<PageContext>;
  readonly notFound: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
  readonly failure: (request: FastifyRequest, reply: FastifyReply, error: unknown) => Promise<unknown>;
  /** Whether the address's token can be a link token at all. */
  readonly valid: (token: string) => boolean;
}

export function registerRatingRoute(
  app: FastifyInstance,
  services: Services,
  helpers: JoinRouteHelpers,
): void {
  const { endUser, satisfaction } = services;
  const { pageContext, notFound, failure } = helpers;

  app.post<{ Params: { token: string }; Body: unknown }>(
    '/j/:token/rating',
    { schema: { hide: true } },
    async (request, reply) => {
      const { token } = request.params;
      if (!helpers.valid(token)) return notFound(request, reply);
      try {
        const view = await endUser.peek(token);
        if (!view) return notFound(request, reply);
        const page = await pageContext(request, view.language);
        const typedRating = formField(request.body, 'rating');
        const comment = formField(request.body, 'comment');
        const refuse = async (status: number, error: string) => {
          const survey = await satisfaction.survey(view.requestId);
          const shown = survey && {
            survey,
            error,
            comment,
            ...(/^\d$/.test(typedRating) ? { rating: Number(typedRating) } : {}),
          };
          return sendPage(reply, status, renderJoinPage(page, view, token, shown ? { survey: shown } : {}));
        };
        const parsed = ratingSchema.safeParse({
          rating: typedRating === '' ? undefined : typedRating,
          comment,
        });
        if (!parsed.success) {
          const commentIssue = parsed.error.issues.some((issue) => issue.path[0] === 'comment');
          return await refuse(
            400,
            commentIssue
              ? page.i18n.t('joinPage.rating.commentTooLong', { max: CONVERSATION_LIMITS.ratingCommentMax })
              : page.i18n.t('joinPage.rating.choose'),
          );
        }
        const outcome = await satisfaction.rate(token, parsed.data);
        if (outcome.ok) return reply.redirect(joinPaths(token).page, 303);
        if (outcome.reason === 'not_found') return notFound(request, reply);
        // Already answered, or not closed (the page shows why it cannot be rated, or its current state).
        if (outcome.reason === 'already_rated')
          return await refuse(409, page.i18n.t('joinPage.rating.already'));
        return reply.redirect(joinPaths(token).page, 303);
      } catch (error) {
        return failure(request, reply, error);
      }
    },
  );
}
