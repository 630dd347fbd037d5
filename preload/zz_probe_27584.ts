import { r } from '../renderer/src/zz_probe_27584';
    export const p = r;