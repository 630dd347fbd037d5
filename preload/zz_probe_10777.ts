import { r } from '../renderer/src/zz_probe_10777';
    export const p = r;