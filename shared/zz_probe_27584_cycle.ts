import { value } from './zz_probe_27584';
    export const other = () => value;