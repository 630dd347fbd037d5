/**
 * The views: Home (assigned to me), All, each channel (Private first), Past, Upcoming, with counts; for
 * admins, Administration (the admin screens). Choosing a view shows the requests again.
 */
import type { RequestView } from '@shared/ipc/contract';
import { ADMIN_STRINGS } from '../admin/admin-strings';
import { formatCount } from '../domain/format';
import { channelLabel, sortedChannels } from '../domain/people';
import { useApp, useAppShallow, useAppStore } from '../store/context';
import { STRINGS } from '../strings';

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
          {count === undefined ? '' : formatCount(count)}
        </span>
      </button>
    </li>
  );
}

function AdminButton() {
  const store = useAppStore();
  const current = useApp((s) => s.screen === 'admin');
  return (
    <ul className="view-list view-list-end">
      <li>
        <button
          type="button"
          className="view-button"
          aria-current={current ? 'page' : undefined}
          title={ADMIN_STRINGS.sidebarHint}
          onClick={() => store.getState().setScreen('admin')}
        >
          <span className="view-label">{ADMIN_STRINGS.title}</span>
        </button>
      </li>
    </ul>
  );
}

export function Sidebar() {
  const store = useAppStore();
  const { counts, channels, meId, isAdmin } = useAppShallow((s) => ({
    counts: s.counts,
    channels: s.directory.channels,
    meId: s.account?.agent.id ?? null,
    isAdmin: s.account?.agent.roles.includes('admin') ?? false,
  }));
  const s = STRINGS.sidebar;
  return (
    <nav className="sidebar" aria-label={s.label}>
      <h2 id="requests-heading" className="sidebar-heading">
        {s.heading}
      </h2>
      <ul className="view-list">
        <ViewButton view={{ type: 'home' }} label={s.home} hint={s.homeHint} count={counts?.home} />
        <ViewButton view={{ type: 'all' }} label={s.all} count={counts?.all} />
      </ul>
      <h3 className="sidebar-subheading">{s.channels}</h3>
      <ul className="view-list">
        {sortedChannels(channels).map((channel) => (
          <ViewButton
            key={channel.id}
            view={{ type: 'channel', channelId: channel.id }}
            label={channelLabel(channel, meId)}
            count={counts ? (counts.channels[channel.id] ?? 0) : undefined}
          />
        ))}
      </ul>
      <ul className="view-list view-list-end">
        <ViewButton
          view={{ type: 'upcoming' }}
          label={s.upcoming}
          hint={s.upcomingHint}
          count={counts?.upcoming}
        />
        <ViewButton view={{ type: 'past' }} label={s.past} hint={s.pastHint} count={counts?.past} />
      </ul>
      {isAdmin ? <AdminButton /> : null}
      <button
        type="button"
        className="button subtle sidebar-settings"
        onClick={() => store.getState().openDialog({ kind: 'settings' })}
      >
        {s.settings}
      </button>
    </nav>
  );
}
