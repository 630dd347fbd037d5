/**
 * Set-password links: `<public-url>/set-password/<token>`, e-mailed to an agent when an admin creates
 * their account without a password or resets it by e-mail. The token is 256 random bits and only its
 * SHA-256 is stored; a link works once, for PASSWORD_LINK_TTL_MS, and only the newest one of an agent
 * works. Using it sets the password and ends every sign-in of the agent; the password and sign-ins stay as
 * they are until then, so a reset someone did not ask for changes nothing unless the link is used.
 */
import type { AgentRow } from '../store/agents-store';
import type { PasswordLinkRow } from '../store/password-links-store';
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
  issue(agent: AgentRow, reason: 'welcome' | 'reset', now: number): void {
    const { store, log } = this.ctx;
    this.voidFor(agent, now);
    const token = randomToken();
    const expiresAt = now + PASSWORD_LINK_TTL_MS;
    store.passwordLinks.add(sha256(token), agent.id, expiresAt, now);
    const url = `${this.ctx.publicUrl()}${PASSWORD_LINK_PATH}/${token}`;
    queueMail(this.ctx, passwordLinkMail(this.ctx, agent, { url, expiresAt, reason }), now);
    log.info({ agentId: agent.id, reason }, 'set-password link issued');
  }

  /** The agent's links stop working, and one still waiting in the outbox is not sent. */
  voidFor(agent: Pick<AgentRow, 'id' | 'email'>, now: number): void {
    this.ctx.store.passwordLinks.deleteForAgent(agent.id);
    this.ctx.store.outbox.cancelUnsentTo(
      'password_link',
      agent.email,
      now,
      'A newer set-password link, a new password or a disabled account voided this one.',
    );
  }

  /** Whether the link works now, and for whom. */
  inspect(token: string): PasswordLinkState {
    const { store, clock } = this.ctx;
    const link = store.passwordLinks.find(sha256(token));
    const agent = link && store.agents.get(link.agentId);
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
    const before = this.inspect(token);
    if (!before.ok) return before;
    const passwordHash = await hashPassword(password);
    const { store, clock, hub, log } = this.ctx;
    const outcome = store.transaction((): PasswordLinkState => {
      // Again: while the password was hashed the link may have been used, voided, or its agent disabled.
      const state = this.inspect(token);
      if (!state.ok) return state;
      const now = clock.now();
      if (!store.passwordLinks.markUsed(state.link.tokenHash, now)) return { ok: false, reason: 'used' };
      store.agents.update({ ...state.agent, passwordHash }, now);
      store.tokens.revokeAgent(state.agent.id);
      return state;
    });
    if (outcome.ok) {
      hub.endAgentSessions(outcome.agent.id);
      log.info({ agentId: outcome.agent.id }, 'password set with a set-password link');
    }
    return outcome;
  }
}
