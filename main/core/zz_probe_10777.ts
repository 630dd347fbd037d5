import { BrowserWindow } from 'electron';
    import { glue } from '../electron/zz_probe_10777';
    export const core = [BrowserWindow, glue];