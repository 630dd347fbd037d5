/**
 * Who owns a request after an agent leaves it (GoToAssist's collaborative sessions): when the owner
 * leaves, the longest-standing participant takes over; when the last agent leaves, it goes back to the
 * channel's queue.
 */
import type { Participant } from './session-request';

export interface Ownership {
  readonly assigneeId: string | null;
  readonly participants: readonly Participant[];
}

export function ownershipAfterLeave(current: Ownership, leavingAgentId: string): Ownership {
  const participants = current.participants.filter((p) => p.agentId !== leavingAgentId);
  if (current.assigneeId !== leavingAgentId) {
    return { assigneeId: current.assigneeId, participants };
  }
  const [successor, ...rest] = [...participants].sort((a, b) => a.since.localeCompare(b.since));
  return successor
    ? { assigneeId: successor.agentId, participants: rest }
    : { assigneeId: null, participants };
}
