/**
 * The views: Home (assigned to me), All, each channel (Private first), Past, Upcoming, with counts; for
 * everyone, Reports; for admins, Administration (the admin screens). Choosing a view shows the requests
 * again.
 */
import type { RequestView } from '@shared/ipc/contract';
import { channelLabel, sortedChannels } from '../domain/people';
import { useTranslator } from '../i18n/translation';
import { useApp, useAppShallow, useAppStore } from '../store/context';

function sameView(a: RequestView, b: RequestView): boolean {
  return a.type === b.type && (a.type !== 'channel' || (b.type === 'channel' && a.channelId === b.channelId));
}

function ViewButton({
  view,
  label,
  count,
  hint,
}: {
  readonly view: RequestView;
  readonly label: string;
  readonly count: number | undefined;
  readonly hint?: string;
}) {
  const store = useAppStore();
  const t = useTranslator();
  const current = useApp((s) => s.screen === 'requests' && sameView(s.query.view, view));
  return (
    <li>
      <button
        type="button"
        className="view-button"
        aria-current={current ? 'page' : undefined}
        title={hint}
        onClick={() => {
          const state = store.getState();
          if (state.screen !== 'requests') state.setScreen('requests');
          state.setView(view);
        }}
      >
        <span className="view-label">{label}</span>
        <span className="view-count" aria-hidden={count === undefined}>
          {count === undefined ? '' : t.formatNumber(count)}
        </span>
      </button>
    </li>
  );
}

function ReportsButton() {
  const store = useAppStore();
  const t = useTranslator();
  const current = useApp((s) => s.screen === 'reports');
  return (
    <li>
      <button
        type="button"
        className="view-button"
        aria-current={current ? 'page' : undefined}
        title={t.t('reports.sidebarHint')}
        onClick={() => store.getState().setScreen('reports')}
      >
        <span className="view-label">{t.t('reports.title')}</span>
      </button>
    </li>
  );
}

function AdminButton() {
  const store = useAppStore();
  const t = useTranslator();
  const current = useApp((s) => s.screen === 'admin');
  return (
    <ul className="view-list view-list-end">
      <li>
        <button
          type="button"
          className="view-button"
          aria-current={current ? 'page' : undefined}
          title={t.t('admin.sidebarHint')}
          onClick={() => store.getState().setScreen('admin')}
        >
          <span className="view-label">{t.t('admin.title')}</span>
        </button>
      </li>
    </ul>
  );
}

export function Sidebar() {
  const store = useAppStore();
  const t = useTranslator();
  const { counts, channels, isAdmin } = useAppShallow((s) => ({
    counts: s.counts,
    channels: s.directory.channels,
    isAdmin: s.account?.agent.roles.includes('admin') ?? false,
  }));
  return (
    <nav className="sidebar" aria-label={t.t('sidebar.label')}>
      <h2 id="requests-heading" className="sidebar-heading">
        {t.t('sidebar.heading')}
      </h2>
      <ul className="view-list">
        <ViewButton
          view={{ type: 'home' }}
          label={t.t('sidebar.home')}
          hint={t.t('sidebar.homeHint')}
          count={counts?.home}
        />
        <ViewButton view={{ type: 'all' }} label={t.t('sidebar.all')} count={counts?.all} />
      </ul>
      <h3 className="sidebar-subheading">{t.t('sidebar.channels')}</h3>
      <ul className="view-list">
        {sortedChannels(t, channels).map((channel) => (
          <ViewButton
            key={channel.id}
            view={{ type: 'channel', channelId: channel.id }}
            label={channelLabel(t, channel)}
            count={counts ? (counts.channels[channel.id] ?? 0) : undefined}
          />
        ))}
      </ul>
      <ul className="view-list view-list-end">
        <ViewButton
          view={{ type: 'upcoming' }}
          label={t.t('sidebar.upcoming')}
          hint={t.t('sidebar.upcomingHint')}
          count={counts?.upcoming}
        />
        <ViewButton
          view={{ type: 'past' }}
          label={t.t('sidebar.past')}
          hint={t.t('sidebar.pastHint')}
          count={counts?.past}
        />
      </ul>
      <ul className="view-list view-list-end">
        <ReportsButton />
      </ul>
      {isAdmin ? <AdminButton /> : null}
      <button
        type="button"
        className="button subtle sidebar-settings"
        onClick={() => store.getState().openDialog({ kind: 'settings' })}
      >
        {t.t('sidebar.settings')}
      </button>
    </nav>
  );
}
