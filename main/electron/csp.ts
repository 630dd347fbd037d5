/**
 * The renderer's Content-Security-Policy, as renderer/index.html's <meta> states it; the Electron shell
 * also sends it as a response header, with every app:// answer among others
 * (tests/main/electron/shell-logic.test.ts keeps the two equal). Imports no electron.
 */
export const RENDERER_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'";
