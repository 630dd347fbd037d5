/**
 * A TypeScript client generated from the served OpenAPI document (openapi-typescript, as an integrator would
 * run it) compiles, and has the names a program is written against: the session request, the error
 * envelope, the create-request input, and an operation per operationId. The program below uses them, and
 * misuses them where marked `@ts-expect-error`, so that types gone loose (`unknown`, `any`) fail too.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus } from '../support/api-client';
import type { Json } from '../support/openapi-document';
import { startTestService, type TestService } from '../support/service-harness';

let t: TestService;
let folder: string;

beforeAll(async () => {
  t = await startTestService();
  folder = mkdtempSync(join(tmpdir(), 'sessiondesk-client-'));
});

afterAll(async () => {
  rmSync(folder, { recursive: true, force: true });
  await t.cleanup();
});

/** A program written against the generated types, as an integration would be. */
const PROGRAM = `
import type { components, operations, paths } from './api';

type SessionRequest = components['schemas']['SessionRequest'];
type ErrorEnvelope = components['schemas']['ErrorEnvelope'];
type CreateRequest = operations['createRequest'];
type NewRequest = CreateRequest['requestBody']['content']['application/json'];

export const input: NewRequest = {
  recipientName: 'Ana Souza',
  recipientEmail: 'ana@example.com',
  sendInvitation: true,
  assignTo: { type: 'unassigned' },
};
// @ts-expect-error the recipient's name is required
export const nameless: NewRequest = { recipientEmail: 'ana@example.com' };

export function describeRequest(request: SessionRequest): string {
  const ready: boolean = request.status === 'ready';
  // @ts-expect-error a status is one of the six
  const unknownStatus: boolean = request.status === 'pending';
  return \`\${request.recipientName} \${request.pin} \${String(ready)} \${String(unknownStatus)}\`;
}

export function explain(answer: ErrorEnvelope): string {
  // Each field's code and its values (too_long, max), to word it in the reader's language.
  const fields = (answer.error.fields ?? [])
    .map((f) => \`\${f.field} \${f.code} \${JSON.stringify(f.params ?? {})}: \${f.message}\`)
    .join(' ');
  const limit: string | number | undefined = answer.error.params?.['max'];
  // @ts-expect-error the envelope has no top-level message
  const wrong: string = answer.message;
  return \`\${answer.error.code} \${answer.error.message} \${fields} \${String(limit)} \${wrong}\`;
}

export const created: CreateRequest['responses'][201]['content']['application/json']['id'] = 'id';
export const refusal: CreateRequest['responses'][409]['content']['application/json'] = {
  error: { code: 'request_closed', message: 'The request is closed.', params: { event: 'close' } },
};
export const connect: operations['connectRequest']['parameters']['path'] = { id: 'id' };
type SignIn = paths['/auth/login']['post'];
// Signed in, or asked for a second factor (issue 18): the program tells one from the other.
export function tokenOrChallenge(answer: SignIn['responses'][200]['content']['application/json']): string {
  return 'accessToken' in answer ? answer.accessToken : answer.secondFactor.challenge;
}
export const token: components['schemas']['LoginResponse']['accessToken'] = 'token';
`;

describe('the TypeScript client generated from the document', () => {
  it('compiles with the program using its named types', async () => {
    const doc = expectStatus(await t.api.call<Json>('GET', '/api/v1/openapi.json'), 200);
    // Defaults are annotations: an input field with one may be left out. (Answers list every field they
    // always carry as required; openapi-typescript's default would also require the inputs' defaulted ones.)
    const generated = astToString(
      await openapiTS(doc as Parameters<typeof openapiTS>[0], { silent: true, defaultNonNullable: false }),
    );
    writeFileSync(join(folder, 'api.ts'), generated);
    writeFileSync(join(folder, 'program.ts'), PROGRAM);

    const program = ts.createProgram([join(folder, 'program.ts')], {
      strict: true,
      noEmit: true,
      noUnusedLocals: false,
      exactOptionalPropertyTypes: true,
      target: ts.ScriptTarget.ES2022,
      lib: ['lib.es2022.d.ts'],
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      types: [],
      skipLibCheck: false,
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file
        ? `${d.file.fileName.slice(folder.length + 1)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}`
        : '';
      return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
    expect(diagnostics).toEqual([]);
  });
});
