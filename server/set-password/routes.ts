/**
 * GET and POST /set-password/<token>: the page of a set-password link, and its form. Posts are limited
 * per address; the link's token is checked on every request, so an expired, used, voided link or a
 * disabled account shows why it no longer works. The page speaks the first language of the browser's
 * Accept-Language the product has, English when it has none of them.
 */
import { isDatabaseUnavailable } from '../db/postgres/unavailable';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DEFAULT_EMAIL_LANGUAGE, pickLanguageFromAcceptLanguage } from '@shared/domain/languages';
import { translator } from '@shared/i18n/translator';
import { setPasswordFormSchema } from '@shared/schemas/account-input';
import { toFieldIssues } from '@shared/schemas/validation';
import type { JoinAssets } from '../join/assets';
import { formField, sendPage } from '../join/html';
import type { PageContext } from '../join/shell';
import { ServiceError } from '../services/errors';
import {
  PASSWORD_LINK_PATH,
  PASSWORD_LINK_TTL_MS,
  type PasswordLinkRefusal,
} from '../services/password-links';
import type { Services } from '../services/services';
import {
  renderDeadLink,
  renderMessage,
  renderPasswordForm,
  renderPasswordSet,
  type PasswordFormErrors,
} from './page';

/** Tokens are 32 random bytes in base64url: 43 characters. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const HIDDEN = { schema: { hide: true } };
const TTL_HOURS = Math.round(PASSWORD_LINK_TTL_MS / 3_600_000);

export function registerSetPasswordRoutes(
  app: FastifyInstance,
  services: Services,
  assets: JoinAssets,
): void {
  const { ctx, passwordLinks, limits } = services;
  const page = async (request: FastifyRequest): Promise<PageContext> => ({
    i18n: translator(
      pickLanguageFromAcceptLanguage(request.headers['accept-language']) ?? DEFAULT_EMAIL_LANGUAGE,
    ),
    org: await ctx.org(),
    assetVersion: assets.version,
  });
  const dead = async (request: FastifyRequest, reply: FastifyReply, reason: PasswordLinkRefusal) =>
    sendPage(reply, reason === 'unknown' ? 404 : 410, renderDeadLink(await page(request), reason, TTL_HOURS));

  const failure = async (request: FastifyRequest, reply: FastifyReply, error: unknown) => {
    const shown = await page(request);
    const { i18n } = shown;
    const title = i18n.t('setPassword.page.title');
    if (error instanceof ServiceError && error.status === 429) {
      const seconds = error.extra.retryAfterSeconds ?? 60;
      reply.header('retry-after', String(seconds));
      return sendPage(
        reply,
        429,
        renderMessage(shown, title, i18n.t('setPassword.page.tooManyAttempts', { seconds })),
      );
    }
    request.log.error({ err: error }, 'set-password page failed');
    const unavailable = isDatabaseUnavailable(error);
    if (unavailable) reply.header('retry-after', '2');
    return sendPage(
      reply,
      unavailable ? 503 : 500,
      renderMessage(shown, title, i18n.t('setPassword.page.somethingWrong')),
    );
  };

  app.get<{ Params: { token: string } }>(`${PASSWORD_LINK_PATH}/:token`, HIDDEN, async (request, reply) => {
    const { token } = request.params;
    if (!TOKEN.test(token)) return dead(request, reply, 'unknown');
    try {
      const state = await passwordLinks.inspect(token);
      if (!state.ok) return dead(request, reply, state.reason);
      return sendPage(reply, 200, renderPasswordForm(await page(request), token, state.agent.email));
    } catch (error) {
      return failure(request, reply, error);
    }
  });

  app.post<{ Params: { token: string }; Body: unknown }>(
    `${PASSWORD_LINK_PATH}/:token`,
    HIDDEN,
    async (request, reply) => {
      const { token } = request.params;
      try {
        // Every post counts, whatever its token: guessing tokens is what the limit is for.
        await limits.setPasswordPerAddress.hit(request.ip);
        if (!TOKEN.test(token)) return dead(request, reply, 'unknown');
        const state = await passwordLinks.inspect(token);
        if (!state.ok) return dead(request, reply, state.reason);
        const parsed = setPasswordFormSchema.safeParse({
          password: formField(request.body, 'password'),
          confirm: formField(request.body, 'confirm'),
        });
        if (!parsed.success) {
          const errors: Record<string, string> = {};
          for (const issue of toFieldIssues(parsed.error)) errors[issue.field] ??= issue.message;
          const shown: PasswordFormErrors = { password: errors['password'], confirm: errors['confirm'] };
          return sendPage(
            reply,
            400,
            renderPasswordForm(await page(request), token, state.agent.email, shown),
          );
        }
        const outcome = await passwordLinks.redeem(token, parsed.data.password);
        if (!outcome.ok) return dead(request, reply, outcome.reason);
        return sendPage(reply, 200, renderPasswordSet(await page(request), outcome.agent.email));
      } catch (error) {
        return failure(request, reply, error);
      }
    },
  );
}
