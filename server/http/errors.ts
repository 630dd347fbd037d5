/**
 * Every failure answers `{"error": {"code", "message", "params"?, "fields"?}}` with the right status: the
 * service's own refusals as they are (their code's parameters too), invalid input with the fields at
 * fault, each with its code and parameters, framework errors (bad JSON, wrong media type, too
 * large) as 4xx, anything unexpected as a 500 that says nothing of the internals, and what is refused
 * before Fastify sees a request (Node's HTTP parser, a WebSocket handshake) written on the socket itself.
 */
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { isDatabaseUnavailable, isUnstorableText } from '../db/postgres/unavailable';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { ZodType } from 'zod';
import type { ErrorEnvelope } from '@shared/protocol/errors';
import { describeIssues, toFieldIssues, type FieldIssue } from '@shared/schemas/validation';
import { ServiceError, type ServiceErrorExtra } from '../services/errors';

/** Input that failed its schema, for one part of the request (body, querystring, params, headers). */
export class RequestValidationError extends Error {
  readonly statusCode = 400;
  constructor(
    readonly part: string,
    readonly fields: readonly FieldIssue[],
  ) {
    super(describeIssues(fields));
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
  { params, fields }: Pick<ServiceErrorExtra, 'params' | 'fields'> = {},
): FastifyReply {
  const body: ErrorEnvelope = {
    error: {
      code,
      message,
      ...(params ? { params: { ...params } } : {}),
      ...(fields ? { fields: fields.map((field) => ({ ...field })) } : {}),
    },
  };
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
      return sendError(reply, error.status, error.code, error.message, error.extra);
    }
    if (error instanceof RequestValidationError) {
      return sendError(reply, 400, 'invalid_input', error.message, { fields: error.fields });
    }
    const known = error.code ? FRAMEWORK_ERRORS[error.code] : undefined;
    if (known) return sendError(reply, known[0], known[1], known[2]);
    if (error instanceof SyntaxError || error.code === 'FST_ERR_VALIDATION') {
      return sendError(reply, 400, 'invalid_input', 'The request is not valid.');
    }
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      return sendError(reply, error.statusCode, 'invalid_input', error.message);
    }
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'the database is unavailable');
      return sendError(
        reply.header('retry-after', '2'),
        503,
        'database_unavailable',
        'The service cannot reach its database right now. Try again in a moment: a change it did not confirm may not have been made (a create sent again with its Idempotency-Key is not made twice).',
      );
    }
    if (isUnstorableText(error)) {
      return sendError(reply, 400, 'invalid_input', 'Text may not contain the NUL character (U+0000).');
    }
    request.log.error({ err: error }, 'unexpected error');
    return sendError(reply, 500, 'internal', 'Something went wrong in the service; it has been logged.');
  });

  app.setNotFoundHandler((request, reply) =>
    sendError(reply, 404, 'not_found', `There is no ${request.method} ${request.url.split('?')[0]} here.`, {
      params: { thing: 'path' },
    }),
  );
}

/** Node's HTTP parser errors (llhttp's codes, and Node's own timeout): the status and what to tell. */
const PARSER_ERRORS: Record<string, readonly [number, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'The request headers are too large: send less than 16 KiB of headers.'],
  HPE_UNEXPECTED_CONTENT_LENGTH: [
    400,
    'The request has both Content-Length and Transfer-Encoding: send one of them, not both.',
  ],
  HPE_INVALID_CONTENT_LENGTH: [400, 'The Content-Length header is not a valid length.'],
  HPE_INVALID_TRANSFER_ENCODING: [400, 'The Transfer-Encoding header is not valid: use chunked or none.'],
  HPE_INVALID_CHUNK_SIZE: [400, 'The chunked body is malformed: a chunk size is not hexadecimal.'],
  HPE_INVALID_HEADER_TOKEN: [400, 'A header of the request is malformed.'],
  HPE_INVALID_METHOD: [400, 'The request line is malformed: send METHOD /path HTTP/1.1.'],
  HPE_INVALID_URL: [400, 'The request line is malformed: send METHOD /path HTTP/1.1.'],
  HPE_INVALID_VERSION: [400, 'The request line is malformed: send METHOD /path HTTP/1.1.'],
  HPE_INVALID_CONSTANT: [400, 'The request line is malformed: send METHOD /path HTTP/1.1.'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'The request took too long to arrive; send it again.'],
};
const UNREADABLE: readonly [number, string] = [400, 'The request could not be read as HTTP/1.1.'];

/**
 * Writes the envelope as a whole HTTP answer on a socket no reply exists for, then closes it: after the
 * parser gave up on a request, or when a WebSocket handshake is refused.
 */
export function writeErrorToSocket(
  socket: Duplex,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify({ error: { code, message } } satisfies ErrorEnvelope);
  const head = {
    connection: 'close',
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': String(Buffer.byteLength(body)),
    ...headers,
  };
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
      Object.entries(head)
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join('') +
      `\r\n${body}`,
  );
}

/** Fastify's clientErrorHandler: what Node's HTTP parser refuses answers with the envelope too. */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  // A reset connection has no one left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, message] = (error.code && PARSER_ERRORS[error.code]) || UNREADABLE;
  writeErrorToSocket(socket, status, 'invalid_input', message);
}
