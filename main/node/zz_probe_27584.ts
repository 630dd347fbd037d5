import { glue } from '../electron/zz_probe_27584';
    import { core } from '../core/zz_probe_27584';
    export const shared = [glue, core];