/**
 * Every failure answers `{"error": {"code", "message"}}` with the right status: the service's own refusals
 * as they are, invalid input with the fields at fault, framework errors (bad JSON, wrong media type, too
 * large) as 4xx, and anything unexpected as a 500 that says nothing of the internals.
 */
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { ZodType } from 'zod';
import type { ErrorEnvelope } from '@shared/protocol/errors';
import { toFieldIssues, type FieldIssue } from '@shared/schemas/validation';
import { ServiceError } from '../services/errors';

/** Input that failed its schema, for one part of the request (body, querystring, params, headers). */
export class RequestValidationError extends Error {
  readonly statusCode = 400;
  constructor(
    readonly part: string,
    readonly fields: readonly FieldIssue[],
  ) {
    super(fields.map((f) => (f.field ? `${f.field}: ${f.message}` : f.message)).join(' '));
  }
}

/** Validates each part of a request with its zod schema; a missing body counts as `{}`. */
export function zodValidatorCompiler({ schema, httpPart }: { schema: unknown; httpPart?: string }) {
  const zodSchema = schema as ZodType;
  return (data: unknown) => {
    const input = httpPart === 'body' && (data === undefined || data === null) ? {} : data;
    const result = zodSchema.safeParse(input);
    return result.success
      ? { value: result.data }
      : { error: new RequestValidationError(httpPart ?? 'input', toFieldIssues(result.error)) };
  };
}

export function sendError(
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
  fields?: readonly FieldIssue[],
): FastifyReply {
  const body: ErrorEnvelope = { error: { code, message, ...(fields ? { fields: [...fields] } : {}) } };
  // Set here as well as by the app's onSend hook: errors the router raises answer before any hook runs.
  return reply
    .status(status)
    .type('application/json; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(body);
}

const FRAMEWORK_ERRORS: Record<string, [number, string, string]> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type', 'Send the body as application/json.'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'payload_too_large', 'The body is too large.'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'invalid_input', 'The body is empty; send a JSON object.'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'invalid_input', 'The body is not valid JSON.'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'invalid_input', 'The Content-Length does not match the body.'],
};

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ServiceError) {
      if (error.extra.retryAfterSeconds !== undefined)
        reply.header('retry-after', String(error.extra.retryAfterSeconds));
      if (error.status === 401) reply.header('www-authenticate', 'Bearer');
      return sendError(reply, error.status, error.code, error.message, error.extra.fields);
    }
    if (error instanceof RequestValidationError) {
      return sendError(reply, 400, 'invalid_input', error.message, error.fields);
    }
    const known = error.code ? FRAMEWORK_ERRORS[error.code] : undefined;
    if (known) return sendError(reply, known[0], known[1], known[2]);
    if (error instanceof SyntaxError || error.code === 'FST_ERR_VALIDATION') {
      return sendError(reply, 400, 'invalid_input', 'The request is not valid.');
    }
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      return sendError(reply, error.statusCode, 'invalid_input', error.message);
    }
    request.log.error({ err: error }, 'unexpected error');
    return sendError(reply, 500, 'internal', 'Something went wrong in the service; it has been logged.');
  });

  app.setNotFoundHandler((request, reply) =>
    sendError(reply, 404, 'not_found', `There is no ${request.method} ${request.url.split('?')[0]} here.`),
  );
}
