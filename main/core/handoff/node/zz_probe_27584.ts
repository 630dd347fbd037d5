import { readFile } from 'node:fs';
    import { page } from '../../browser/zz_probe_27584';
    import { Launcher } from '../launcher';
    export const nodeSide = [readFile, page, Launcher];