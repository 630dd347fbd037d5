/**
 * Set-password links: `<public-url>/set-password/<token>`, e-mailed to an agent when an admin creates
 * their account without a password or resets it by e-mail. The token is 256 random bits and only its
 * SHA-256 is stored; a link works once, for PASSWORD_LINK_TTL_MS, and only the newest one of an agent
 * works. Using it sets the password and ends every sign-in of the agent; the password and sign-ins stay as
 * they are until then, so a reset someone did not ask for changes nothing unless the link is used.
 */
import type { AgentRow, PasswordLinkRow } from '../store/rows';
import type { ServiceContext } from './context';
import { hashPassword, randomToken, sha256 } from './crypto';
import { passwordLinkMail, queueMail } from './mails';

/** How long a set-password link works. */
export const PASSWORD_LINK_TTL_MS = 72 * 3_600_000;

export const PASSWORD_LINK_PATH = '/set-password';

export type PasswordLinkRefusal = 'unknown' | 'expired' | 'used' | 'disabled';

export type PasswordLinkState =
  | { readonly ok: true; readonly agent: AgentRow; readonly link: PasswordLinkRow }
  | { readonly ok: false; readonly reason: PasswordLinkRefusal };

export class PasswordLinkService {
  constructor(private readonly ctx: ServiceContext) {}

  /**
   * A new link for the agent, voiding their older ones, with its e-mail queued. Runs inside the caller's
   * transaction; the caller wakes the mailer once it has committed.
   */
  async issue(agent: AgentRow, reason: 'welcome' | 'reset', now: number): Promise<void> {
    const { store, log } = this.ctx;
    await this.voidFor(agent, now);
    const token = randomToken();
    const expiresAt = now + PASSWORD_LINK_TTL_MS;
    await store.passwordLinks.add(sha256(token), agent.id, expiresAt, now);
    const url = `${this.ctx.publicUrl()}${PASSWORD_LINK_PATH}/${token}`;
    await queueMail(this.ctx, await passwordLinkMail(this.ctx, agent, { url, expiresAt, reason }), now);
    log.info({ agentId: agent.id, reason }, 'set-password link issued');
  }

  /** The agent's links stop working, and one still waiting in the outbox is not sent. */
  async voidFor(agent: Pick<AgentRow, 'id' | 'email'>, now: number): Promise<void> {
    await this.ctx.store.passwordLinks.deleteForAgent(agent.id);
    await this.ctx.store.outbox.cancelUnsentTo(
      'password_link',
      agent.email,
      now,
      'A newer set-password link, a new password or a disabled account voided this one.',
    );
  }

  /** Whether the link works now, and for whom. */
  async inspect(token: string): Promise<PasswordLinkState> {
    const { store, clock } = this.ctx;
    const link = await store.passwordLinks.find(sha256(token));
    const agent = link && (await store.agents.get(link.agentId));
    if (!link || !agent) return { ok: false, reason: 'unknown' };
    if (agent.disabled) return { ok: false, reason: 'disabled' };
    if (link.usedAt !== null) return { ok: false, reason: 'used' };
    if (link.expiresAt <= clock.now()) return { ok: false, reason: 'expired' };
    return { ok: true, agent, link };
  }

  /**
   * Sets the password (already checked against the password rule) with a working link, uses the link up
   * and ends every sign-in of the agent.
   */
  async redeem(token: string, password: string): Promise<PasswordLinkState> {
    const before = await this.inspect(token);
    if (!before.ok) return before;
    const passwordHash = await hashPassword(password);
    const { store, clock, signals, log } = this.ctx;
    const outcome = await store.transaction(async (): Promise<PasswordLinkState> => {
      // Again: while the password was hashed the link may have been used, voided, or its agent disabled.
      const state = await this.inspect(token);
      if (!state.ok) return state;
      const now = clock.now();
      if (!(await store.passwordLinks.markUsed(state.link.tokenHash, now)))
        return { ok: false, reason: 'used' };
      await store.agents.update({ ...state.agent, passwordHash }, now);
      await store.tokens.revokeAgent(state.agent.id);
      const { id, name } = state.agent;
      await this.ctx.audit.record(
        {
          type: 'agent.password_set',
          actor: { kind: 'agent', agentId: id, name },
          target: { kind: 'agent', id, name },
          data: { byLink: true },
        },
        now,
      );
      return state;
    });
    if (outcome.ok) {
      signals.endAgentSessions(outcome.agent.id);
      log.info({ agentId: outcome.agent.id }, 'password set with a set-password link');
    }
    return outcome;
  }
}
