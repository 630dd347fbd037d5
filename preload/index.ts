/**
 * The sandboxed preload: exposes the renderer's bridge through contextBridge and nothing else. The renderer
 * never sees ipcRenderer itself.
 */
import { contextBridge } from 'electron';

contextBridge.exposeInMainWorld('sessiondesk', Object.freeze({ runtime: 'electron' }));
