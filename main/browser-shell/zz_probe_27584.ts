import { glue } from '../electron/zz_probe_27584';
    import { writeFileAtomic } from '../node/atomic-file';
    export const shell = [glue, writeFileAtomic];