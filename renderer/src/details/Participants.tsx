/**
 * Who works the request: its owner (the assigned agent) and the invited or joined technicians, each
 * marked while their remote-control session is open — the collaborative session at a glance.
 */
import type { RequestRow } from '@shared/ipc/views';
import { formatFullDateTime } from '../domain/format';
import { useNames } from '../hooks/useNames';
import { STRINGS } from '../strings';

function Connected({ on }: { on: boolean }) {
  return on ? <span className="badge badge-connected">{STRINGS.details.fields.connectedNow}</span> : null;
}

export function Participants({ request }: { request: RequestRow }) {
  const names = useNames();
  const d = STRINGS.details;
  const connected = (id: string) => request.connectedAgentIds.includes(id);
  return (
    <ul className="plain-list participants" aria-label={d.fields.participants}>
      {request.assigneeId ? (
        <li>
          {d.owner(names.agent(request.assigneeId))}
          <Connected on={connected(request.assigneeId)} />
        </li>
      ) : null}
      {request.participants.map((p) => (
        <li key={p.agentId}>
          {d.participant(names.agent(p.agentId), d.via[p.via], formatFullDateTime(p.since))}
          <Connected on={connected(p.agentId)} />
        </li>
      ))}
      {request.participants.length === 0 ? <li className="muted">{d.noParticipants}</li> : null}
    </ul>
  );
}
