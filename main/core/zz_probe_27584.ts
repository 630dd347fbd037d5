import { BrowserWindow } from 'electron';
    import { glue } from '../electron/zz_probe_27584';
    export const core = [BrowserWindow, glue];