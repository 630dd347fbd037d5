import { readFile } from 'node:fs';
    import { writeFileAtomic } from '../node/atomic-file';
    import { NodeProcessStarter } from '../core/handoff/node/process-starter';
    import { Launcher } from '../core/handoff/launcher';
    import { checkOpenableUri } from '../core/platform/uri-policy';
    import { connectAgain } from '@shared/ipc/handoff';
    export const consolePage = [readFile, writeFileAtomic, NodeProcessStarter, Launcher, checkOpenableUri, connectAgain];