/**
 * GET and POST /set-password/<token>: the page of a set-password link, and its form. Posts are limited
 * per address; the link's token is checked on every request, so an expired, used, voided link or a
 * disabled account shows why it no longer works.
 */
import { isDatabaseUnavailable } from '../db/postgres/unavailable';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { setPasswordFormSchema } from '@shared/schemas/account-input';
import { toFieldIssues } from '@shared/schemas/validation';
import { agentEn } from '../i18n/agent-en';
import { catalog } from '../i18n/catalog';
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
  const page = async (): Promise<PageContext> => ({
    t: catalog('en'),
    language: 'en',
    org: await ctx.org(),
    assetVersion: assets.version,
  });
  const dead = async (reply: FastifyReply, reason: PasswordLinkRefusal) =>
    sendPage(reply, reason === 'unknown' ? 404 : 410, renderDeadLink(await page(), reason, TTL_HOURS));

  const failure = async (request: FastifyRequest, reply: FastifyReply, error: unknown) => {
    const s = agentEn.passwordPage;
    if (error instanceof ServiceError && error.status === 429) {
      const seconds = error.extra.retryAfterSeconds ?? 60;
      reply.header('retry-after', String(seconds));
      return sendPage(reply, 429, renderMessage(await page(), s.title, s.tooManyAttempts(seconds)));
    }
    request.log.error({ err: error }, 'set-password page failed');
    const unavailable = isDatabaseUnavailable(error);
    if (unavailable) reply.header('retry-after', '2');
    return sendPage(reply, unavailable ? 503 : 500, renderMessage(await page(), s.title, s.somethingWrong));
  };

  app.get<{ Params: { token: string } }>(`${PASSWORD_LINK_PATH}/:token`, HIDDEN, async (request, reply) => {
    const { token } = request.params;
    if (!TOKEN.test(token)) return dead(reply, 'unknown');
    try {
      const state = await passwordLinks.inspect(token);
      if (!state.ok) return dead(reply, state.reason);
      return sendPage(reply, 200, renderPasswordForm(await page(), token, state.agent.email));
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
        if (!TOKEN.test(token)) return dead(reply, 'unknown');
        const state = await passwordLinks.inspect(token);
        if (!state.ok) return dead(reply, state.reason);
        const parsed = setPasswordFormSchema.safeParse({
          password: formField(request.body, 'password'),
          confirm: formField(request.body, 'confirm'),
        });
        if (!parsed.success) {
          const errors: Record<string, string> = {};
          for (const issue of toFieldIssues(parsed.error)) errors[issue.field] ??= issue.message;
          const shown: PasswordFormErrors = { password: errors['password'], confirm: errors['confirm'] };
          return sendPage(reply, 400, renderPasswordForm(await page(), token, state.agent.email, shown));
        }
        const outcome = await passwordLinks.redeem(token, parsed.data.password);
        if (!outcome.ok) return dead(reply, outcome.reason);
        return sendPage(reply, 200, renderPasswordSet(await page(), outcome.agent.email));
      } catch (error) {
        return failure(request, reply, error);
      }
    },
  );
}
