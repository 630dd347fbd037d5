/**
 * The administration screen (admins only), in the main area in place of the requests table: the tabs
 * Agents | Channels | Organisation | Single sign-on | Integrations (WAI-ARIA tabs: arrows, Home and End move between them and show the tab), the
 * selected tab's panel, and whichever admin dialog is open. Offline, a sentence says why nothing can be
 * changed; the panels' buttons and the dialogs' forms are disabled with the same reason.
 */
import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslator } from '../i18n/translation';
import { useApp } from '../store/context';
// The screen's own style sheet (the others are imported in main.tsx, which is not this screen's file).
import '../styles/admin.css';
import type { AdminDialog } from './admin-dialog';
import { OfflineNote } from './AdminFormParts';
import { CreateAgentDialog, DisableAgentDialog, EditAgentDialog, PasswordDialog } from './AgentDialogs';
import { AgentsPanel } from './AgentsPanel';
import { CannedMessagesPanel } from './CannedMessagesPanel';
import { ResetTwoFactorDialog } from './ResetTwoFactorDialog';
import { ChannelFormDialog } from './ChannelDialogs';
import { MembersDialog } from './MembersDialog';
import { ChannelsPanel } from './ChannelsPanel';
import { IntegrationsPanel } from './IntegrationsPanel';
import { OrganisationPanel } from './OrganisationPanel';
import { SsoPanel } from './SsoPanel';
import { SmsPanel } from './SmsPanel';
import { ADMIN_TABS, tabAfterKey, type AdminTab } from './admin-tabs';
import { useAdmin } from './use-admin';

/** The heading that names the main area while this screen shows. */
export const ADMIN_HEADING_ID = 'admin-heading';

const tabId = (tab: AdminTab) => `admin-tab-${tab}`;
const panelId = (tab: AdminTab) => `admin-panel-${tab}`;

function Tabs({ tab, onSelect }: { readonly tab: AdminTab; readonly onSelect: (tab: AdminTab) => void }) {
  const t = useTranslator();
  const refs = useRef<Partial<Record<AdminTab, HTMLButtonElement | null>>>({});
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const next = tabAfterKey(tab, event.key);
    if (next === null) return;
    event.preventDefault();
    onSelect(next);
    refs.current[next]?.focus();
  };
  return (
    <div className="admin-tabs" role="tablist" aria-label={t.t('admin.tabsLabel')} onKeyDown={onKeyDown}>
      {ADMIN_TABS.map((each) => (
        <button
          key={each}
          ref={(element) => {
            refs.current[each] = element;
          }}
          type="button"
          role="tab"
          id={tabId(each)}
          className="admin-tab"
          aria-selected={each === tab}
          aria-controls={panelId(each)}
          tabIndex={each === tab ? 0 : -1}
          onClick={() => onSelect(each)}
        >
          {t.t(`admin.tabs.${each}`)}
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
    case 'sso':
      return <SsoPanel />;
    case 'sms':
      return <SmsPanel />;
    case 'canned':
      return <CannedMessagesPanel />;
    case 'integrations':
      return <IntegrationsPanel />;
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
    case 'disableAgent':
    case 'resetTwoFactor': {
      // An agent or channel that is no longer in the directory has nothing left to edit.
      const agent = directory.agents.find((a) => a.id === dialog.agentId);
      if (!agent) return null;
      if (dialog.kind === 'editAgent') return <EditAgentDialog agent={agent} onClose={onClose} />;
      if (dialog.kind === 'password') return <PasswordDialog agent={agent} onClose={onClose} />;
      if (dialog.kind === 'resetTwoFactor') return <ResetTwoFactorDialog agent={agent} onClose={onClose} />;
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
  const t = useTranslator();
  const { live, offlineReason } = useAdmin();
  const [tab, setTab] = useState<AdminTab>('agents');
  const [dialog, setDialog] = useState<AdminDialog | null>(null);
  const close = () => setDialog(null);
  return (
    <div className="admin">
      <div className="admin-head">
        <h2 id={ADMIN_HEADING_ID}>{t.t('admin.title')}</h2>
        <Tabs tab={tab} onSelect={setTab} />
      </div>
      <OfflineNote live={live} reason={offlineReason} />
      {ADMIN_TABS.map((each) => (
        <div
          key={each}
          role="tabpanel"
          id={panelId(each)}
          aria-labelledby={tabId(each)}
          className="admin-panel"
          hidden={each !== tab}
          tabIndex={0}
        >
          {each === tab ? <TabPanel tab={each} open={setDialog} /> : null}
        </div>
      ))}
      {dialog ? <OpenDialogView key={JSON.stringify(dialog)} dialog={dialog} onClose={close} /> : null}
    </div>
  );
}
