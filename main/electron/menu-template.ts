/**
 * The application menu, in the agent's language. Electron's default menu is English whatever the OS
 * speaks, so the app sets its own: the same standard items (each an Electron role, which does the work),
 * labelled from the catalogue, and rebuilt when the language changes. The developer tools and reloads
 * are in development runs only. Pure: imports only electron's types.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { Translator } from '@shared/i18n/translator';

/** The product's name, which no language translates: macOS titles the first menu with it. */
const PRODUCT_NAME = 'Sessiondesk';

const SEPARATOR: MenuItemConstructorOptions = { type: 'separator' };

export interface MenuFacts {
  readonly platform: NodeJS.Platform;
  /** A development run (not packaged): reload and the developer tools are offered. */
  readonly development: boolean;
}

export function menuTemplate(t: Translator, facts: MenuFacts): MenuItemConstructorOptions[] {
  const mac = facts.platform === 'darwin';
  const appMenu: MenuItemConstructorOptions = {
    label: PRODUCT_NAME,
    submenu: [
      { role: 'about', label: t.t('shell.menu.about') },
      SEPARATOR,
      { role: 'services', label: t.t('shell.menu.services') },
      SEPARATOR,
      { role: 'hide', label: t.t('shell.menu.hide') },
      { role: 'hideOthers', label: t.t('shell.menu.hideOthers') },
      { role: 'unhide', label: t.t('shell.menu.showAll') },
      SEPARATOR,
      { role: 'quit', label: t.t('shell.menu.quit') },
    ],
  };
  const fileMenu: MenuItemConstructorOptions = {
    label: t.t('shell.menu.file'),
    submenu: [
      facts.platform === 'win32'
        ? { role: 'quit', label: t.t('shell.menu.exit') }
        : { role: 'quit', label: t.t('shell.menu.quit') },
    ],
  };
  const editMenu: MenuItemConstructorOptions = {
    label: t.t('shell.menu.edit'),
    submenu: [
      { role: 'undo', label: t.t('shell.menu.undo') },
      { role: 'redo', label: t.t('shell.menu.redo') },
      SEPARATOR,
      { role: 'cut', label: t.t('shell.menu.cut') },
      { role: 'copy', label: t.t('shell.menu.copy') },
      { role: 'paste', label: t.t('shell.menu.paste') },
      ...(mac ? [{ role: 'pasteAndMatchStyle', label: t.t('shell.menu.pasteAndMatchStyle') } as const] : []),
      { role: 'delete', label: t.t('shell.menu.delete') },
      SEPARATOR,
      { role: 'selectAll', label: t.t('shell.menu.selectAll') },
    ],
  };
  const viewMenu: MenuItemConstructorOptions = {
    label: t.t('shell.menu.view'),
    submenu: [
      ...(facts.development
        ? [
            { role: 'reload', label: t.t('shell.menu.reload') } as const,
            { role: 'forceReload', label: t.t('shell.menu.forceReload') } as const,
            { role: 'toggleDevTools', label: t.t('shell.menu.toggleDevTools') } as const,
            SEPARATOR,
          ]
        : []),
      { role: 'resetZoom', label: t.t('shell.menu.resetZoom') },
      { role: 'zoomIn', label: t.t('shell.menu.zoomIn') },
      { role: 'zoomOut', label: t.t('shell.menu.zoomOut') },
      SEPARATOR,
      { role: 'togglefullscreen', label: t.t('shell.menu.toggleFullScreen') },
    ],
  };
  const windowMenu: MenuItemConstructorOptions = {
    label: t.t('shell.menu.window'),
    // On macOS the role adds the open windows to the menu, as every Mac app's Window menu has them.
    ...(mac ? { role: 'windowMenu' as const } : {}),
    submenu: [
      { role: 'minimize', label: t.t('shell.menu.minimize') },
      ...(mac
        ? [
            { role: 'zoom', label: t.t('shell.menu.zoom') } as const,
            SEPARATOR,
            { role: 'front', label: t.t('shell.menu.front') } as const,
          ]
        : [{ role: 'close', label: t.t('shell.menu.close') } as const]),
    ],
  };
  return [mac ? appMenu : fileMenu, editMenu, viewMenu, windowMenu];
}
