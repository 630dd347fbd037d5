import { shell } from '../browser-shell/zz_probe_27584';
    import { consolePage } from '../web-console/zz_probe_27584';
    import { FileSecretStore } from '../node/file-secret-store';
    export const host = [shell, consolePage, FileSecretStore];