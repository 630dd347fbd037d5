/**
 * Playwright's global teardown: every /api/v1 answer the services gave during the run, checked against the
 * OpenAPI document a service serves (tests/support/api-conformance.ts). Prints how many answers and
 * operations were checked and which operations no test reached; fails the run on any answer that does
 * not match, naming its route, status and what is wrong.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_RECORDING_ENV } from '../../server/http/api-recording';
import { checkResponses, count, readRecordedResponses, summarize } from '../support/api-conformance';
import type { Json } from '../support/openapi-document';
import { spawnService } from '../support/service-process';

export default async function checkApiAnswers(): Promise<void> {
  const directory = process.env[API_RECORDING_ENV];
  if (!directory) return;
  // The service started below to read the document is not part of the run: it records nothing.
  delete process.env[API_RECORDING_ENV];
  try {
    const records = readRecordedResponses(directory);
    if (records.length === 0) {
      console.log('No API answers were recorded: the tests run started no service.');
      return;
    }
    const report = checkResponses(await servedDocument(), records);
    console.log(summarize(report));
    if (report.failures.length > 0) {
      const answers = count(report.failures.length, 'API answer');
      throw new Error(`${answers} not as the OpenAPI document says (listed above).`);
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** The document as the service serves it at /api/v1/openapi.json. */
async function servedDocument(): Promise<Json> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sessiondesk-e2e-document-'));
  const service = await spawnService({ dataDir });
  try {
    const response = await fetch(`${service.url}/api/v1/openapi.json`);
    if (!response.ok) throw new Error(`GET /api/v1/openapi.json answered ${response.status}`);
    return (await response.json()) as Json;
  } finally {
    await service.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
