/** The header: search (Ctrl/Cmd+F or /), New request (Ctrl/Cmd+N), Join session, connection, account. */
import { SEARCH_INPUT_ID } from '../hooks/useShortcuts';
import { useTranslator } from '../i18n/translation';
import { useApp, useAppStore } from '../store/context';
import { AccountMenu } from './AccountMenu';
import { ConnectionState } from './ConnectionState';

function SearchBox() {
  const store = useAppStore();
  const t = useTranslator();
  const text = useApp((s) => s.query.search);
  return (
    <div className="search" role="search">
      <input
        id={SEARCH_INPUT_ID}
        type="search"
        value={text}
        aria-label={t.t('header.search')}
        placeholder={t.t('header.searchPlaceholder')}
        aria-keyshortcuts="Control+F Meta+F /"
        maxLength={200}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => {
          // Searching shows the requests, also from the admin screens.
          const state = store.getState();
          if (state.screen !== 'requests') state.setScreen('requests');
          state.setSearch(e.target.value);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && text !== '') {
            e.preventDefault();
            e.stopPropagation();
            store.getState().setSearch('');
          } else if (e.key === 'ArrowDown') {
            // Down from the search box goes into the results.
            e.preventDefault();
            document.querySelector<HTMLElement>('.grid-row[tabindex="0"]')?.focus();
          }
        }}
      />
    </div>
  );
}

export function Header() {
  const store = useAppStore();
  const t = useTranslator();
  return (
    <header className="topbar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <h1 className="brand-name">{t.t('appName')}</h1>
      </div>
      <SearchBox />
      <div className="topbar-actions">
        <button
          type="button"
          className="button primary"
          aria-keyshortcuts="Control+N Meta+N"
          title={t.t('header.newRequestHint', { shortcut: t.t('shortcuts.newRequest') })}
          onClick={() => store.getState().openDialog({ kind: 'create' })}
        >
          {t.t('header.newRequest')}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => store.getState().openDialog({ kind: 'join', code: '' })}
        >
          {t.t('header.joinSession')}
        </button>
        <ConnectionState />
        <AccountMenu />
      </div>
    </header>
  );
}
