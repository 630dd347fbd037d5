import { value } from './zz_probe_10777';
    export const other = () => value;