/** The account menu: who is signed in, Settings, Sign out (which may ask to discard offline changes). */
import { useState } from 'react';
import { useApp, useAppStore } from '../store/context';
import { STRINGS } from '../strings';
import { MenuButton } from './MenuButton';

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join('');
}

export function AccountMenu() {
  const store = useAppStore();
  const agent = useApp((s) => s.account?.agent ?? null);
  const [open, setOpen] = useState(false);
  if (!agent) return null;
  return (
    <MenuButton
      label={STRINGS.header.accountMenu(agent.name)}
      open={open}
      onOpenChange={setOpen}
      buttonClassName="account-button"
      items={() => [
        {
          id: 'who',
          label: STRINGS.header.signedInAs(agent.name, agent.email),
          enabled: false,
          reason: null,
          onSelect: () => undefined,
        },
        {
          id: 'settings',
          label: STRINGS.header.settings,
          enabled: true,
          reason: null,
          separatorBefore: true,
          onSelect: () => store.getState().openDialog({ kind: 'settings' }),
        },
        {
          id: 'signOut',
          label: STRINGS.header.signOut,
          enabled: true,
          reason: null,
          onSelect: () => void store.getState().signOut(),
        },
      ]}
    >
      <span className="avatar" aria-hidden="true">
        {initials(agent.name)}
      </span>
    </MenuButton>
  );
}
