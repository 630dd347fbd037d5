import { join } from 'node:path';
    import Database from 'better-sqlite3';
    import { core } from '../../main/core/zz_probe_27584';
    export const r = [join, Database, core];