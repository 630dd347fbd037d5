import { readFile } from 'node:fs';
    import Database from 'better-sqlite3';
    import WebSocket from 'ws';
    import plist from 'plist';
    import { NodeProcessStarter } from '../handoff/node/process-starter';
    import { page } from '../browser/zz_probe_27584';
    import { Launcher } from '../handoff/launcher';
    export const common = [readFile, Database, WebSocket, plist, NodeProcessStarter, page, Launcher];