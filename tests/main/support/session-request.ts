/** A session request as the service sends it, for the pure rules' tests: Open, in a Private channel, mine. */
import type { SessionRequest } from '@shared/domain/session-request';

export function sessionRequest(patch: Partial<SessionRequest> = {}): SessionRequest {
  return {
    id: 'r1',
    status: 'open',
    consent: 'pending',
    recipientName: 'Ana',
    recipientEmail: null,
    comments: '',
    emailLanguage: 'en',
    sendInvitation: false,
    scheduledAt: null,
    expiresAt: '2026-12-02T00:00:00Z',
    channelId: 'private',
    assigneeId: 'me',
    createdBy: 'me',
    participants: [],
    connectedAgentIds: [],
    link: '',
    pin: '',
    sessionCode: '',
    remote: null,
    createdAt: '',
    updatedAt: '',
    seq: 1,
    ...patch,
  };
}
