/**
 * The Channels tab: the shared channels (name, default expiry, participant limit, members) with Edit and
 * Members on each row, and New channel. Private channels have fixed settings and are not listed.
 */
import { useMemo } from 'react';
import type { Channel } from '@shared/protocol/api';
import { ReasonButton } from '../components/ReasonButton';
import { useApp } from '../store/context';
import type { OpenDialog } from './admin-dialog';
import { ADMIN_STRINGS } from './admin-strings';
import { formatExpiry, sharedChannels } from './channel-form';
import { useAdmin } from './use-admin';

const A = ADMIN_STRINGS;
const C = A.channels;

function ChannelRow({ channel, open }: { readonly channel: Channel; readonly open: OpenDialog }) {
  const { live } = useAdmin();
  const offline = live ? null : A.offlineReason;
  return (
    <tr>
      <th scope="row">
        <span className="admin-name">{channel.name}</span>
      </th>
      <td>{formatExpiry(channel.defaultExpiryMinutes)}</td>
      <td>{C.agentsCount(channel.participantLimit)}</td>
      <td>{C.memberCount(channel.members.length)}</td>
      <td>
        <div className="admin-row-actions">
          <ReasonButton
            className="button small"
            enabled={live}
            reason={offline}
            aria-label={C.editLabel(channel.name)}
            onClick={() => open({ kind: 'editChannel', channelId: channel.id })}
          >
            {C.edit}
          </ReasonButton>
          {/* Members can be looked at offline; their controls say why they are disabled. */}
          <button
            type="button"
            className="button small"
            aria-label={C.membersLabel(channel.name)}
            onClick={() => open({ kind: 'members', channelId: channel.id })}
          >
            {C.members}
          </button>
        </div>
      </td>
    </tr>
  );
}

export function ChannelsPanel({ open }: { readonly open: OpenDialog }) {
  const { live } = useAdmin();
  const channels = useApp((s) => s.directory.channels);
  const rows = useMemo(() => sharedChannels(channels), [channels]);
  const c = C.columns;
  return (
    <>
      <p className="admin-intro">{C.intro}</p>
      <div className="admin-toolbar">
        <p className="muted admin-count">{C.count(rows.length)}</p>
        <ReasonButton
          className="button primary"
          enabled={live}
          reason={live ? null : A.offlineReason}
          onClick={() => open({ kind: 'createChannel' })}
        >
          {C.add}
        </ReasonButton>
      </div>
      {rows.length === 0 ? (
        <p className="muted admin-empty">{C.empty}</p>
      ) : (
        <div className="admin-table-scroll">
          <table className="admin-table admin-channels" aria-label={C.tableLabel}>
            <thead>
              <tr>
                <th scope="col">{c.name}</th>
                <th scope="col">{c.defaultExpiry}</th>
                <th scope="col">{c.participantLimit}</th>
                <th scope="col">{c.members}</th>
                <th scope="col">{c.actions}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((channel) => (
                <ChannelRow key={channel.id} channel={channel} open={open} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
