/**
 * Remembers the main window's position and size in `<userData>/window-state.json`; the rules for what
 * to trust are in window-state-logic.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { screen, type BrowserWindow } from 'electron';
import { writeFileAtomicSync } from '../node/atomic-file';
import {
  parseWindowState,
  placeWindow,
  serializeWindowState,
  type WindowPlacement,
} from './window-state-logic';

const SAVE_DELAY_MS = 500;

const stateFile = (userData: string) => join(userData, 'window-state.json');

function readState(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** Where to open the window: the saved place if it is still on a display, else the defaults. */
export function loadWindowPlacement(userData: string): WindowPlacement {
  const primary = screen.getPrimaryDisplay();
  const others = screen.getAllDisplays().filter((d) => d.id !== primary.id);
  return placeWindow(
    parseWindowState(readState(stateFile(userData))),
    [primary, ...others].map((d) => d.workArea),
  );
}

/** Saves the window's normal bounds shortly after each move or resize, and when it closes. */
export function rememberWindowState(
  window: BrowserWindow,
  userData: string,
  warn: (m: string) => void,
): void {
  const path = stateFile(userData);
  let timer: NodeJS.Timeout | undefined;
  const save = () => {
    clearTimeout(timer);
    if (window.isDestroyed()) return;
    try {
      writeFileAtomicSync(
        path,
        serializeWindowState({ bounds: window.getNormalBounds(), maximized: window.isMaximized() }),
      );
    } catch (error) {
      warn(`The window's position could not be saved to ${path}: ${String(error)}`);
    }
  };
  const saveSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(save, SAVE_DELAY_MS);
  };
  window.on('resize', saveSoon);
  window.on('move', saveSoon);
  window.on('maximize', saveSoon);
  window.on('unmaximize', saveSoon);
  window.on('close', save);
}
