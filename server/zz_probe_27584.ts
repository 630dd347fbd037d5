import { app } from 'electron';
    import { core } from '../main/core/zz_probe_27584';
    export const x = [app, core];