/**
 * Who works the request: its owner (the assigned agent) and the invited or joined technicians, each
 * marked while their remote-control session is open — the collaborative session at a glance.
 */
import type { RequestRow } from '@shared/ipc/views';
import { formatFullDateTime } from '../domain/format';
import { useNames } from '../hooks/useNames';
import { useTranslator } from '../i18n/translation';

function Connected({ on }: { on: boolean }) {
  const t = useTranslator();
  return on ? <span className="badge badge-connected">{t.t('details.fields.connectedNow')}</span> : null;
}

export function Participants({ request }: { request: RequestRow }) {
  const t = useTranslator();
  const names = useNames();
  const connected = (id: string) => request.connectedAgentIds.includes(id);
  return (
    <ul className="plain-list participants" aria-label={t.t('details.fields.participants')}>
      {request.assigneeId ? (
        <li>
          {t.t('details.owner', { name: names.agent(request.assigneeId) })}
          <Connected on={connected(request.assigneeId)} />
        </li>
      ) : null}
      {request.participants.map((p) => (
        <li key={p.agentId}>
          {t.t('details.participant', {
            name: names.agent(p.agentId),
            via: p.via,
            since: formatFullDateTime(t, p.since),
          })}
          <Connected on={connected(p.agentId)} />
        </li>
      ))}
      {request.participants.length === 0 ? <li className="muted">{t.t('details.noParticipants')}</li> : null}
    </ul>
  );
}
