import { readFileSync } from 'node:fs';
    import { helper } from '../tests/support/zz_probe_27584_helper';
    import { other } from './zz_probe_27584_cycle';
    export const now = Date.now();
    export const value = [readFileSync, helper, other, Math.random()];