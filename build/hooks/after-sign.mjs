// electron-builder's afterSign hook (it runs only when the app was signed). A shim for the same reason
// as after-pack.mjs: the typed, tested hook is scripts/release/notarize.ts, loaded through tsx.
import { tsImport } from 'tsx/esm/api';

export default async function afterSign(context) {
  const { notarizeApp } = await tsImport('../../scripts/release/notarize.ts', import.meta.url);
  const { notarize } = await import('@electron/notarize');
  await notarizeApp(context, process.env, { notarize, log: (line) => console.log(`  • ${line}`) });
}
