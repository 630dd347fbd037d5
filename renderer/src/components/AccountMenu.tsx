/** The account menu: who is signed in, Settings, Two-factor sign-in, Sign out (which may ask to discard offline changes). */
import { useState } from 'react';
import { useTranslator } from '../i18n/translation';
import { useApp, useAppStore } from '../store/context';
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
  const t = useTranslator();
  const agent = useApp((s) => s.account?.agent ?? null);
  const [open, setOpen] = useState(false);
  if (!agent) return null;
  return (
    <MenuButton
      label={t.t('header.accountMenu', { name: agent.name })}
      open={open}
      onOpenChange={setOpen}
      buttonClassName="account-button"
      items={() => [
        {
          id: 'who',
          label: t.t('header.signedInAs', { name: agent.name, email: agent.email }),
          enabled: false,
          reason: null,
          onSelect: () => undefined,
        },
        {
          id: 'settings',
          label: t.t('header.settings'),
          enabled: true,
          reason: null,
          separatorBefore: true,
          onSelect: () => store.getState().openDialog({ kind: 'settings' }),
        },
        {
          id: 'twoFactor',
          label: t.t('header.twoFactor'),
          enabled: true,
          reason: null,
          onSelect: () => store.getState().openDialog({ kind: 'twoFactor' }),
        },
        {
          id: 'signOut',
          label: t.t('header.signOut'),
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
