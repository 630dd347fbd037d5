/** Rows, agents and channels for the renderer's unit tests, shaped as the service sends them. */
import type { RequestRow } from '../../shared/ipc/views';
import type { Agent, Channel, Me } from '../../shared/protocol/api';

export const NOW = Date.parse('2026-03-10T12:00:00Z');
const ISO = (ms: number) => new Date(ms).toISOString();

export const ME_ID = '00000000-0000-4000-8000-000000000001';
export const OTHER_ID = '00000000-0000-4000-8000-000000000002';
export const ADMIN_ID = '00000000-0000-4000-8000-000000000003';
export const PRIVATE_ID = '00000000-0000-4000-8000-0000000000a1';
export const SUPPORT_ID = '00000000-0000-4000-8000-0000000000b1';
export const OTHER_CHANNEL_ID = '00000000-0000-4000-8000-0000000000c1';

const agent = (id: string, name: string, roles: Agent['roles'] = ['support_agent']): Agent => ({
  id,
  email: `${name.toLowerCase().replace(/\s+/g, '.')}@example.com`,
  name,
  roles,
  disabled: false,
  twoFactorEnabled: false,
  createdAt: ISO(NOW - 86_400_000),
  updatedAt: ISO(NOW - 86_400_000),
});

export const AGENTS: Agent[] = [
  agent(ME_ID, 'Dana Whitfield'),
  agent(OTHER_ID, 'Sam Ortega'),
  agent(ADMIN_ID, 'Ada Admin', ['admin', 'support_agent']),
];

export function me(canRelease = false): Me {
  return {
    ...AGENTS[0]!,
    privateChannelId: PRIVATE_ID,
    memberships: [{ channelId: SUPPORT_ID, canRelease }],
  };
}

export const CHANNELS: Channel[] = [
  {
    id: PRIVATE_ID,
    name: 'Private',
    kind: 'private',
    ownerId: ME_ID,
    defaultExpiryMinutes: 1_440,
    participantLimit: 3,
    members: [{ agentId: ME_ID, canRelease: true }],
    createdAt: ISO(NOW),
    updatedAt: ISO(NOW),
  },
  {
    id: SUPPORT_ID,
    name: 'Support',
    kind: 'shared',
    ownerId: null,
    defaultExpiryMinutes: 240,
    participantLimit: 3,
    members: [
      { agentId: ME_ID, canRelease: false },
      { agentId: OTHER_ID, canRelease: false },
      { agentId: ADMIN_ID, canRelease: true },
    ],
    createdAt: ISO(NOW),
    updatedAt: ISO(NOW),
  },
];

let counter = 0;
export function row(patch: Partial<RequestRow> = {}): RequestRow {
  counter++;
  const id = `00000000-0000-4000-9000-${String(counter).padStart(12, '0')}`;
  return {
    id,
    status: 'open',
    consent: 'pending',
    recipientName: `Recipient ${counter}`,
    recipientEmail: `r${counter}@example.com`,
    comments: '',
    emailLanguage: 'en',
    sendInvitation: false,
    scheduledAt: null,
    expiresAt: ISO(NOW + 3_600_000),
    channelId: SUPPORT_ID,
    assigneeId: ME_ID,
    createdBy: ME_ID,
    participants: [],
    connectedAgentIds: [],
    link: `http://127.0.0.1:7300/j/token${counter}`,
    pin: '123456789',
    sessionCode: '12345678',
    remote: null,
    createdAt: ISO(NOW - counter * 1_000),
    updatedAt: ISO(NOW),
    seq: counter,
    pending: null,
    handoff: null,
    unread: 0,
    ...patch,
  };
}
