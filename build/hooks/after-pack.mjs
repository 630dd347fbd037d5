// electron-builder's afterPack hook. electron-builder loads a hook with require() or import(), which on
// Node 22 cannot read TypeScript, so this shim loads the typed, tested hook (scripts/release/fuses.ts)
// through tsx, a devDependency and so present wherever the app is built.
import { tsImport } from 'tsx/esm/api';

export default async function afterPack(context) {
  const { flipAppFuses } = await tsImport('../../scripts/release/fuses.ts', import.meta.url);
  const { flipFuses } = await import('@electron/fuses');
  await flipAppFuses(context, { flipFuses, log: (line) => console.log(`  • ${line}`) });
}
