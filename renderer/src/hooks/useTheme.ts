/**
 * The theme: the OS's (color-scheme: light dark, in CSS) unless the setting picks light or dark, set as
 * `data-theme` on <html>.
 */
import { useEffect } from 'react';
import { useApp } from '../store/context';

export function useTheme(): void {
  const theme = useApp((s) => s.settings?.values.theme ?? 'system');
  useEffect(() => {
    const root = document.documentElement;
    if (theme === 'system') delete root.dataset['theme'];
    else root.dataset['theme'] = theme;
  }, [theme]);
}
