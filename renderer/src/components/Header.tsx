/** The header: search (Ctrl/Cmd+F or /), New request (Ctrl/Cmd+N), Join session, connection, account. */
import { SEARCH_INPUT_ID } from '../hooks/useShortcuts';
import { useApp, useAppStore } from '../store/context';
import { STRINGS } from '../strings';
import { AccountMenu } from './AccountMenu';
import { ConnectionState } from './ConnectionState';

function SearchBox() {
  const store = useAppStore();
  const text = useApp((s) => s.query.search);
  return (
    <div className="search" role="search">
      <input
        id={SEARCH_INPUT_ID}
        type="search"
        value={text}
        aria-label={STRINGS.header.search}
        placeholder={STRINGS.header.searchPlaceholder}
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
  return (
    <header className="topbar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <h1 className="brand-name">{STRINGS.appName}</h1>
      </div>
      <SearchBox />
      <div className="topbar-actions">
        <button
          type="button"
          className="button primary"
          aria-keyshortcuts="Control+N Meta+N"
          title={`${STRINGS.header.newRequest} (${STRINGS.shortcuts.newRequest})`}
          onClick={() => store.getState().openDialog({ kind: 'create' })}
        >
          {STRINGS.header.newRequest}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => store.getState().openDialog({ kind: 'join', code: '' })}
        >
          {STRINGS.header.joinSession}
        </button>
        <ConnectionState />
        <AccountMenu />
      </div>
    </header>
  );
}
