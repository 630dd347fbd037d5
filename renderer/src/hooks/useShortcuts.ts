/**
 * The window's keyboard shortcuts: Ctrl/Cmd+N (or N) for New request, Ctrl/Cmd+F or / for the search
 * box, Esc to close the details panel. Dialogs and menus handle their own Esc first.
 */
import { useEffect } from 'react';
import { useAppStore } from '../store/context';

export const SEARCH_INPUT_ID = 'request-search';

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function useShortcuts(): void {
  const store = useAppStore();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const state = store.getState();
      // Any modal dialog, the store's or a screen's own (the admin screens'), keeps the window's keys.
      if (state.dialog !== null || state.phase !== 'signedIn' || document.querySelector('dialog[open]'))
        return;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      const plain = !mod && !event.altKey && !typingIn(event.target);
      if ((mod && !event.shiftKey && key === 'n') || (plain && key === 'n')) {
        event.preventDefault();
        state.openDialog({ kind: 'create' });
      } else if ((mod && key === 'f') || (plain && event.key === '/')) {
        event.preventDefault();
        const search = document.getElementById(SEARCH_INPUT_ID);
        if (search instanceof HTMLInputElement) {
          search.focus();
          search.select();
        }
      } else if (event.key === 'Escape' && state.detailsId !== null && state.menuRowId === null) {
        event.preventDefault();
        state.closeDetails();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store]);
}
