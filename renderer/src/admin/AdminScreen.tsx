/**
 * The administration screen (admins only), in the main area in place of the requests table: the tabs
 * Agents | Channels | Organisation (WAI-ARIA tabs: arrows, Home and End move between them and show the tab), the
 * selected tab's panel, and whichever admin dialog is open. Offline, a sentence says why nothing can be
 * changed; the panels' buttons and the dialogs' forms are disabled with the same reason.
 */
import { useRef, useState, type KeyboardEvent } from 'react';
import { useApp } from '../store/context';
// The screen's own style sheet (the others are imported in main.tsx, which is not this screen's file).
import '../styles/admin.css';
import type { AdminDialog } from './admin-dialog';
import { ADMIN_STRINGS } from './admin-strings';
import { CreateAgentDialog, DisableAgentDialog, EditAgentDialog, PasswordDialog } from './AgentDialogs';
import { AgentsPanel } from './AgentsPanel';
import { ChannelFormDialog } from './ChannelDialogs';
import { MembersDialog } from './MembersDialog';
import { ChannelsPanel } from './ChannelsPanel';
import { OrganisationPanel } from './OrganisationPanel';
import { ADMIN_TABS, tabAfterKey, type AdminTab } from './admin-tabs';
import { useAdmin } from './use-admin';

/** The heading that names the main area while this screen shows. */
export const ADMIN_HEADING_ID = 'admin-heading';

const A = ADMIN_STRINGS;
const tabId = (tab: AdminTab) => `admin-tab-${tab}`;
const panelId = (tab: AdminTab) => `admin-panel-${tab}`;

function Tabs({ tab, onSelect }: { readonly tab: AdminTab; readonly onSelect: (tab: AdminTab) => void }) {
  const refs = useRef<Partial<Record<AdminTab, HTMLButtonElement | null>>>({});
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const next = tabAfterKey(tab, event.key);
    if (next === null) return;
    event.preventDefault();
    onSelect(next);
    refs.current[next]?.focus();
  };
  return (
    <div className="admin-tabs" role="tablist" aria-label={A.tabsLabel} onKeyDown={onKeyDown}>
      {ADMIN_TABS.map((t) => (
        <button
          key={t}
          ref={(element) => {
            refs.current[t] = element;
          }}
          type="button"
          role="tab"
          id={tabId(t)}
          className="admin-tab"
          aria-selected={t === tab}
          aria-controls={panelId(t)}
          tabIndex={t === tab ? 0 : -1}
          onClick={() => onSelect(t)}
        >
          {A.tabs[t]}
        </button>
      ))}
    </div>
  );
}

function TabPanel({ tab, open }: { readonly tab: AdminTab; readonly open: (dialog: AdminDialog) => void }) {
  switch (tab) {
    case 'agents':
      return <AgentsPanel open={open} />;
    case 'channels':
      return <ChannelsPanel open={open} />;
    case 'organisation':
      return <OrganisationPanel />;
  }
}

function OpenDialogView({ dialog, onClose }: { readonly dialog: AdminDialog; readonly onClose: () => void }) {
  const directory = useApp((s) => s.directory);
  switch (dialog.kind) {
    case 'createAgent':
      return <CreateAgentDialog onClose={onClose} />;
    case 'createChannel':
      return <ChannelFormDialog channel={null} onClose={onClose} />;
    case 'editAgent':
    case 'password':
    case 'disableAgent': {
      // An agent or channel that is no longer in the directory has nothing left to edit.
      const agent = directory.agents.find((a) => a.id === dialog.agentId);
      if (!agent) return null;
      if (dialog.kind === 'editAgent') return <EditAgentDialog agent={agent} onClose={onClose} />;
      if (dialog.kind === 'password') return <PasswordDialog agent={agent} onClose={onClose} />;
      return <DisableAgentDialog agent={agent} onClose={onClose} />;
    }
    case 'editChannel':
    case 'members': {
      const channel = directory.channels.find((c) => c.id === dialog.channelId);
      if (!channel) return null;
      return dialog.kind === 'editChannel' ? (
        <ChannelFormDialog channel={channel} onClose={onClose} />
      ) : (
        <MembersDialog channel={channel} onClose={onClose} />
      );
    }
  }
}

export function AdminScreen() {
  const { live, offlineReason } = useAdmin();
  const [tab, setTab] = useState<AdminTab>('agents');
  const [dialog, setDialog] = useState<AdminDialog | null>(null);
  const close = () => setDialog(null);
  return (
    <div className="admin">
      <div className="admin-head">
        <h2 id={ADMIN_HEADING_ID}>{A.title}</h2>
        <Tabs tab={tab} onSelect={setTab} />
      </div>
      {!live ? (
        <p className="notice admin-offline" role="status">
          {A.offline(offlineReason)}
        </p>
      ) : null}
      {ADMIN_TABS.map((t) => (
        <div
          key={t}
          role="tabpanel"
          id={panelId(t)}
          aria-labelledby={tabId(t)}
          className="admin-panel"
          hidden={t !== tab}
          tabIndex={0}
        >
          {t === tab ? <TabPanel tab={t} open={setDialog} /> : null}
        </div>
      ))}
      {dialog ? <OpenDialogView key={JSON.stringify(dialog)} dialog={dialog} onClose={close} /> : null}
    </div>
  );
}
