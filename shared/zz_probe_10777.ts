import { readFileSync } from 'node:fs';
    import { helper } from '../tests/support/zz_probe_10777_helper';
    import { other } from './zz_probe_10777_cycle';
    export const now = Date.now();
    export const value = [readFileSync, helper, other, Math.random()];