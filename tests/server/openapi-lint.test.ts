/**
 * The served OpenAPI document passes a well-kept linter: Redocly's `recommended` rules (structure, security
 * on every operation, servers, operationIds, unused components…), as an integrator's tooling would run them.
 */
import { createConfig, lintFromString, type NormalizedProblem } from '@redocly/openapi-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus } from '../support/api-client';
import { startTestService, type TestService } from '../support/service-harness';

let t: TestService;
let problems: NormalizedProblem[];

beforeAll(async () => {
  t = await startTestService();
  const source = expectStatus(await t.api.call<string>('GET', '/api/v1/openapi.json'), 200);
  problems = await lintFromString({
    source: JSON.stringify(source),
    absoluteRef: `${t.url}/api/v1/openapi.json`,
    config: await createConfig({ extends: ['recommended'] }),
  });
});

afterAll(() => t.cleanup());

const describeProblem = (p: NormalizedProblem) =>
  `${p.severity} ${p.ruleId} at ${p.location[0]?.pointer ?? '?'}: ${p.message}`;

describe("the OpenAPI document, under Redocly's recommended rules", () => {
  it('has no errors', () => {
    expect(problems.filter((p) => p.severity === 'error').map(describeProblem)).toEqual([]);
  });

  it('has no warnings either, but that its licence has no SPDX identifier or URL', () => {
    // package.json says UNLICENSED: the service is not published under any licence, so there is none to name.
    const warnings = problems.filter((p) => p.severity === 'warn');
    expect(warnings.filter((p) => p.ruleId !== 'info-license-strict').map(describeProblem)).toEqual([]);
  });
});
