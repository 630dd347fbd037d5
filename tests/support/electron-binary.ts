/**
 * Where the Electron binary is, without triggering the `electron` package's download (which cannot work
 * offline): tests that need it skip with this reason when it is absent. The detection is shared with
 * `npm start` (scripts/electron-binary.ts), which falls back to the browser shell without it.
 */
export { findElectronBinary, type ElectronBinary } from '../../scripts/electron-binary';
