/**
 * Playwright's global setup: a directory for the services the tests start to record every API answer in
 * (SESSIONDESK_API_RECORDING_DIR, passed on by tests/support/service-process.ts). The global teardown
 * (api-answers-teardown.ts) checks them against the OpenAPI document.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_RECORDING_ENV } from '../../server/http/api-recording';

export default function recordApiAnswers(): void {
  // Set here, before the workers start: they inherit it, and so do the services they spawn.
  process.env[API_RECORDING_ENV] = mkdtempSync(join(tmpdir(), 'sessiondesk-e2e-answers-'));
}
