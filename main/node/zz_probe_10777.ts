import { glue } from '../electron/zz_probe_10777';
    import { core } from '../core/zz_probe_10777';
    export const shared = [glue, core];