/**
 * Real answers of the service checked against its OpenAPI document. The service records every /api/v1
 * answer when SESSIONDESK_API_RECORDING_DIR names a directory (server/http/api-recording.ts); this reads
 * the records and checks each against the document: its route is an operation, its status is documented
 * for it, its headers are the documented ones, and its body has the documented media type and matches the
 * schema (ajv, JSON Schema 2020-12 as OpenAPI 3.1 uses it, with formats).
 *
 * Used after the e2e suite (tests/e2e/api-recording-teardown.ts) and by
 * tests/server/openapi-responses.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { RecordedResponse } from '../../server/http/api-recording';
import { basePath, operationsOf, resolveRef, type Json } from './openapi-document';

export type { RecordedResponse };

/** Routes the service answers under /api/v1 that the document leaves out on purpose, and why. */
export const UNDOCUMENTED_ROUTES: Readonly<Record<string, string>> = {
  'GET /openapi.json': 'the document itself',
  'GET /stream': 'a WebSocket, which OpenAPI cannot describe (the README and shared/protocol/stream.ts do)',
};

/** Where a record met the document. */
export interface CheckedResponse {
  readonly record: RecordedResponse;
  /** The operation's id, or `METHOD /path` for one without. */
  readonly operation: string;
  /** The documented response it was checked against: the status, its class (4XX) or `default`. */
  readonly documentedAs: string;
}

export interface ConformanceReport {
  readonly checked: readonly CheckedResponse[];
  /** One sentence per answer that does not match: route, status and what is wrong. */
  readonly failures: readonly string[];
  /** Answers of UNDOCUMENTED_ROUTES, not checked. */
  readonly skipped: number;
  /** Documented operations no answer reached. */
  readonly unreached: readonly string[];
}

/** Every record in the directory's files, in the order each process wrote them. */
export function readRecordedResponses(directory: string): RecordedResponse[] {
  return readdirSync(directory)
    .filter((name) => name.endsWith('.ndjson'))
    .sort()
    .flatMap((name) =>
      readFileSync(join(directory, name), 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as RecordedResponse),
    );
}

export function checkResponses(doc: Json, records: readonly RecordedResponse[]): ConformanceReport {
  const base = basePath(doc);
  const validators = new SchemaValidators(doc);
  const operations = new Map(
    operationsOf(doc).map(({ method, path, operation }) => [`${method.toUpperCase()} ${path}`, operation]),
  );
  const checked: CheckedResponse[] = [];
  const failures: string[] = [];
  let skipped = 0;

  for (const record of records) {
    const path = documentedPath(record.route, base);
    const key = `${record.method} ${path}`;
    if (key in UNDOCUMENTED_ROUTES) {
      skipped++;
      continue;
    }
    const where = `${key} → ${record.status}`;
    const operation = operations.get(key);
    if (!operation) {
      failures.push(`${where}: the document has no operation ${key}`);
      continue;
    }
    const name = typeof operation['operationId'] === 'string' ? operation['operationId'] : key;
    const responses: Json = operation['responses'] ?? {};
    const documentedAs = [String(record.status), `${String(record.status)[0]}XX`, 'default'].find(
      (status) => status in responses,
    );
    if (documentedAs === undefined) {
      failures.push(`${where} (${name}): status ${record.status} is not documented for this operation`);
      continue;
    }
    const response = resolveRef(doc, responses[documentedAs]);
    const problems = [
      ...headerProblems(doc, response, record, validators),
      ...bodyProblems(response, record, validators, `${key} ${documentedAs}`),
    ];
    for (const problem of problems)
      failures.push(`${where} (${name}, documented as ${documentedAs}): ${problem}`);
    checked.push({ record, operation: name, documentedAs });
  }

  const reached = new Set(checked.map((c) => c.operation));
  const unreached = [...operations]
    .map(([key, operation]) =>
      typeof operation['operationId'] === 'string' ? operation['operationId'] : key,
    )
    .filter((name) => !reached.has(name));
  return { checked, failures, skipped, unreached };
}

/** A few lines for a person: how much was checked, what was not reached, and every mismatch. */
export function summarize(report: ConformanceReport): string {
  const operations = new Set(report.checked.map((c) => c.operation));
  const paths = new Set(report.checked.map((c) => c.record.route));
  const lines = [
    `Checked ${count(report.checked.length, 'API answer')} against the OpenAPI document: ` +
      `${count(operations.size, 'operation')} on ${count(paths.size, 'path')}` +
      (report.skipped ? ` (${count(report.skipped, 'answer')} of undocumented routes skipped)` : '') +
      '.',
  ];
  if (report.unreached.length > 0) {
    lines.push(`Operations no answer reached (${report.unreached.length}): ${report.unreached.join(', ')}.`);
  }
  if (report.failures.length > 0) {
    lines.push(`Not as documented (${report.failures.length}):`, ...report.failures.map((f) => `  ${f}`));
  }
  return lines.join('\n');
}

/** "1 answer", "2 answers". */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** /api/v1/requests/:id/assign → /requests/{id}/assign (relative to the server, as the document writes it). */
function documentedPath(route: string, base: string): string {
  const relative = route.startsWith(`${base}/`) ? route.slice(base.length) : route;
  return relative.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function headerProblems(
  doc: Json,
  response: Json,
  record: RecordedResponse,
  validators: SchemaValidators,
): string[] {
  return Object.entries<Json>(response['headers'] ?? {}).flatMap(([name, declared]) => {
    const header = resolveRef(doc, declared);
    const value = record.headers[name.toLowerCase()];
    if (value === undefined) return header['required'] ? [`the ${name} header is missing`] : [];
    const schema: Json = header['schema'] ?? {};
    const typed = schema['type'] === 'integer' || schema['type'] === 'number' ? Number(value) : value;
    const errors = validators.validate(schema, typed);
    return errors ? [`the ${name} header ${JSON.stringify(value)} ${errors}`] : [];
  });
}

function bodyProblems(
  response: Json,
  record: RecordedResponse,
  validators: SchemaValidators,
  location: string,
): string[] {
  const content: Json | undefined = response['content'];
  if (!content) return record.body === null ? [] : ['a body was sent where the document says there is none'];
  if (record.body === null) return ['no body was sent where the document describes one'];
  const mediaType = (record.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const media = content[mediaType];
  if (!media) {
    return [
      `the content type ${mediaType || '(none)'} is not documented (${Object.keys(content).join(', ')})`,
    ];
  }
  if (!media['schema']) return [];
  // A text answer (the CSV export) is streamed, so the recording holds no text to check: its status, its
  // headers and its documented media type are checked above; its bytes by the route's own tests.
  if (!mediaType.endsWith('json')) return [];
  let body: unknown;
  try {
    body = JSON.parse(record.body);
  } catch {
    return [`the body is not JSON: ${record.body.slice(0, 80)}`];
  }
  const errors = validators.validateAt(location, mediaType, media['schema'], body);
  return errors ? [`the body ${errors}`] : [];
}

/** ajv over the whole document, so that `#/components/…` references resolve as they do in it. */
class SchemaValidators {
  private static readonly DOCUMENT_ID = 'urn:sessiondesk:openapi';
  private readonly ajv = new Ajv2020({ allErrors: true, strict: false });
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(doc: Json) {
    addFormats(this.ajv);
    this.ajv.addSchema({ ...doc, $id: SchemaValidators.DOCUMENT_ID });
  }

  /** A body's schema, compiled once per operation, response and media type. */
  validateAt(location: string, mediaType: string, schema: Json, value: unknown): string | null {
    const key = `${location} ${mediaType}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile({
        $id: `${SchemaValidators.DOCUMENT_ID}:${this.compiled.size}`,
        ...this.inDocument(schema),
      });
      this.compiled.set(key, validate);
    }
    return this.verdict(validate, value);
  }

  validate(schema: Json, value: unknown): string | null {
    return this.verdict(this.ajv.compile(this.inDocument(schema)), value);
  }

  /** The schema with its local references pointed at the document. */
  private inDocument(schema: Json): Json {
    return JSON.parse(JSON.stringify(schema), (key, value: unknown) =>
      key === '$ref' && typeof value === 'string' && value.startsWith('#')
        ? `${SchemaValidators.DOCUMENT_ID}${value}`
        : value,
    ) as Json;
  }

  private verdict(validate: ValidateFunction, value: unknown): string | null {
    if (validate(value)) return null;
    return (validate.errors ?? [])
      .map(
        (e) =>
          `${e.instancePath || '(the whole)'} ${e.message ?? 'is not valid'}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`,
      )
      .join('; ');
  }
}
