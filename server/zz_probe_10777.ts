import { app } from 'electron';
    import { core } from '../main/core/zz_probe_10777';
    export const x = [app, core];