// electron-vite builds the three Electron targets from one config: main (Node, ESM), preload (sandboxed,
// so CommonJS) and renderer (browser). Output goes to out/{main,preload,renderer}, which
// electron-builder packages and the browser shell serves.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    resolve: { tsconfigPaths: true },
    // The cache's worker thread is an entry of its own: out/main/cache-worker.js, beside main.js.
    build: {
      lib: {
        entry: { main: 'main/electron/main.ts', 'cache-worker': 'main/core/cache/node/cache-worker.ts' },
      },
    },
  },
  preload: {
    resolve: { tsconfigPaths: true },
    build: {
      lib: { entry: 'preload/index.ts' },
      // A sandboxed preload cannot be an ES module.
      rolldownOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: 'renderer',
    resolve: { tsconfigPaths: true },
    plugins: [react()],
    // Minified: the window parses its bundle on every open (electron-vite leaves the renderer unminified).
    build: { minify: true, rolldownOptions: { input: 'renderer/index.html' } },
  },
});
