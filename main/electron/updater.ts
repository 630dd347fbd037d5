/**
 * Automatic updates with electron-updater, as main/core/updates/update-policy.ts decides: this file
 * only gathers the facts about the installation, configures electron-updater and schedules the checks.
 * An update downloads in the background and installs when the app quits (electron-updater's
 * autoInstallOnAppQuit); a failed check is logged and tried again at the next interval.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { app } from 'electron';
// electron-updater is CommonJS with getter exports: the default import is its module object.
import electronUpdater from 'electron-updater';
import {
  FIRST_CHECK_DELAY_MS,
  UPDATE_CHECK_INTERVAL_MS,
  planUpdates,
  type InstallFacts,
  type UpdatePolicy,
} from '../core/updates/update-policy';

export interface UpdaterLog {
  readonly info: (message: string) => void;
  readonly warn: (message: string) => void;
}

function readPackageType(): string | null {
  try {
    return readFileSync(join(process.resourcesPath, 'package-type'), 'utf8').trim() || null;
  } catch {
    return null;
  }
}

function installFacts(): InstallFacts {
  const packaged = app.isPackaged;
  return {
    isPackaged: packaged,
    platform: process.platform,
    version: app.getVersion(),
    hasUpdateConfig: packaged && existsSync(join(process.resourcesPath, 'app-update.yml')),
    nsisInstall: existsSync(join(dirname(process.execPath), `Uninstall ${app.getName()}.exe`)),
    appImage: (process.env['APPIMAGE'] ?? '') !== '',
    linuxPackage: packaged ? readPackageType() : null,
  };
}

/** Starts the checks the policy allows; returns the function that stops them. */
export function startUpdates(policy: UpdatePolicy, log: UpdaterLog): () => void {
  const plan = planUpdates(policy, installFacts());
  if (!plan.check) {
    log.info(`updates: not checking, ${plan.reason}.`);
    return () => {};
  }
  const { autoUpdater } = electronUpdater;
  // electron-updater logs its progress and its errors (it listens to its own `error` event) here.
  autoUpdater.logger = {
    info: (message: unknown) => log.info(`updates: ${String(message)}`),
    warn: (message: unknown) => log.warn(`updates: ${String(message)}`),
    error: (message: unknown) => log.warn(`updates: ${String(message)}`),
  };
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = true;
  if (plan.feedUrl !== null) {
    autoUpdater.setFeedURL({ provider: 'generic', url: plan.feedUrl, channel: plan.channel });
  }
  autoUpdater.channel = plan.channel;
  // Setting the channel allows downgrades; only leaving a beta for stable should.
  autoUpdater.allowDowngrade = plan.allowDowngrade;
  autoUpdater.on('update-available', (info) => log.info(`updates: downloading ${info.version}.`));
  autoUpdater.on('update-downloaded', (info) =>
    log.info(`updates: ${info.version} downloaded; it installs when the app quits.`),
  );

  // A failed check or download is logged by electron-updater's own `error` listener (the logger above);
  // catching here only keeps the promises from being unhandled rejections.
  const check = () => {
    autoUpdater
      .checkForUpdates()
      .then((result) => result?.downloadPromise?.catch(() => undefined))
      .catch(() => undefined);
  };
  log.info(
    `updates: checking the ${plan.channel} channel of ${plan.feedUrl ?? "the publisher's feed"} every ${UPDATE_CHECK_INTERVAL_MS / 3_600_000} hours.`,
  );
  const first = setTimeout(check, FIRST_CHECK_DELAY_MS);
  const every = setInterval(check, UPDATE_CHECK_INTERVAL_MS);
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}
