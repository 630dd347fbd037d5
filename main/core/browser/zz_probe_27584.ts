import { join } from 'node:path';
    import { NodeProcessStarter } from '../handoff/node/process-starter';
    import { Launcher } from '../handoff/launcher';
    export const page = [join, NodeProcessStarter, Launcher];