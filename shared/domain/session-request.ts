/**
 * The session request as every part of the product sees it (the service's JSON, the client's cache).
 * Times are ISO 8601 strings in UTC; ids are opaque strings issued by the service.
 */
import type { EmailLanguage } from './languages';
import type { Consent, RequestStatus } from './status';

export interface Participant {
  readonly agentId: string;
  /** How the agent came on the request: invited by another agent, or joined by the session code. */
  readonly via: 'invited' | 'joined';
  readonly since: string;
}

export interface SessionRequest {
  readonly id: string;
  readonly status: RequestStatus;
  readonly consent: Consent;
  readonly recipientName: string;
  readonly recipientEmail: string | null;
  readonly comments: string;
  readonly emailLanguage: EmailLanguage;
  readonly sendInvitation: boolean;
  readonly scheduledAt: string | null;
  readonly expiresAt: string;
  readonly channelId: string;
  readonly assigneeId: string | null;
  readonly createdBy: string;
  /** Agents on the request besides the assignee. */
  readonly participants: Participant[];
  /** Agents (assignee or participants) whose remote-control client is running for this request now. */
  readonly connectedAgentIds: string[];
  /** `<public-url>/j/<token>`, for the end user. */
  readonly link: string;
  /** 9 digits, typed by the end user at `<public-url>/pin`. */
  readonly pin: string;
  /** 8 digits, for other agents joining the collaborative session. */
  readonly sessionCode: string;
  /** What the end user entered on the join page: the ID their remote-control app shows. */
  readonly remote: string | null;
  /**
   * The ticket the request belongs to in a ticketing system (set by an integration or an agent); null if
   * none. Absent from what services before it sent, and from rows cached from them.
   */
  readonly externalRef?: {
    readonly system: string;
    readonly id: string;
    readonly url: string | null;
  } | null;
  /**
   * The end user's mobile number, E.164 (shared/domain/sms.ts), for text messages; null if none. Absent
   * from what services before it sent, and from rows cached from them.
   */
  readonly recipientPhone?: string | null;
  /**
   * When the end user's permission lapses, on a Ready request after a session (consent lasts one
   * session); null otherwise. Absent from what services before it sent, and from rows cached from them.
   */
  readonly consentLapsesAt?: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Position of the request's last change in the service's change feed. */
  readonly seq: number;
}

/** Everyone on a request: the assignee first, then the participants. */
export function agentsOnRequest(request: Pick<SessionRequest, 'assigneeId' | 'participants'>): string[] {
  const ids = request.participants.map((p) => p.agentId);
  return request.assigneeId === null ? ids : [request.assigneeId, ...ids];
}
