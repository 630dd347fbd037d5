/**
 * The Channels tab: the shared channels (name, default expiry, participant limit, members) with Edit and
 * Members on each row, and New channel. Private channels have fixed settings and are not listed.
 */
import { useMemo } from 'react';
import type { Channel } from '@shared/protocol/api';
import { ReasonButton } from '../components/ReasonButton';
import { useTranslator } from '../i18n/translation';
import { useApp } from '../store/context';
import type { OpenDialog } from './admin-dialog';
import { formatExpiry, sharedChannels } from './channel-form';
import { useAdmin } from './use-admin';

function ChannelRow({ channel, open }: { readonly channel: Channel; readonly open: OpenDialog }) {
  const t = useTranslator();
  const { live } = useAdmin();
  const offline = live ? null : t.t('admin.offlineReason');
  const name = { name: channel.name };
  return (
    <tr>
      <th scope="row">
        <span className="admin-name">{channel.name}</span>
      </th>
      <td>{formatExpiry(t, channel.defaultExpiryMinutes)}</td>
      <td>{t.t('admin.channels.agentsCount', { n: channel.participantLimit })}</td>
      <td>{t.t('admin.channels.memberCount', { n: channel.members.length })}</td>
      <td>
        <div className="admin-row-actions">
          <ReasonButton
            className="button small"
            enabled={live}
            reason={offline}
            aria-label={t.t('admin.channels.editLabel', name)}
            onClick={() => open({ kind: 'editChannel', channelId: channel.id })}
          >
            {t.t('admin.channels.edit')}
          </ReasonButton>
          {/* Members can be looked at offline; their controls say why they are disabled. */}
          <button
            type="button"
            className="button small"
            aria-label={t.t('admin.channels.membersLabel', name)}
            onClick={() => open({ kind: 'members', channelId: channel.id })}
          >
            {t.t('admin.channels.members')}
          </button>
        </div>
      </td>
    </tr>
  );
}

export function ChannelsPanel({ open }: { readonly open: OpenDialog }) {
  const t = useTranslator();
  const { live } = useAdmin();
  const channels = useApp((s) => s.directory.channels);
  const rows = useMemo(() => sharedChannels(channels), [channels]);
  return (
    <>
      <p className="admin-intro">{t.t('admin.channels.intro')}</p>
      <div className="admin-toolbar">
        <p className="muted admin-count">{t.t('admin.channels.count', { n: rows.length })}</p>
        <ReasonButton
          className="button primary"
          enabled={live}
          reason={live ? null : t.t('admin.offlineReason')}
          onClick={() => open({ kind: 'createChannel' })}
        >
          {t.t('admin.channels.add')}
        </ReasonButton>
      </div>
      {rows.length === 0 ? (
        <p className="muted admin-empty">{t.t('admin.channels.empty')}</p>
      ) : (
        <div className="admin-table-scroll">
          <table className="admin-table admin-channels" aria-label={t.t('admin.channels.tableLabel')}>
            <thead>
              <tr>
                <th scope="col">{t.t('admin.channels.columns.name')}</th>
                <th scope="col">{t.t('admin.channels.columns.defaultExpiry')}</th>
                <th scope="col">{t.t('admin.channels.columns.participantLimit')}</th>
                <th scope="col">{t.t('admin.channels.columns.members')}</th>
                <th scope="col">{t.t('admin.channels.columns.actions')}</th>
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
