/**
 * HTTP to the session request service: JSON in and out, the bearer token, the error envelope, and every
 * answer checked against the protocol's schemas before the core believes it.
 */
import type { z } from 'zod';
import { errorEnvelopeSchema } from '@shared/protocol/errors';
import { ApiError, transportError } from './api-error';

export interface RequestOptions<S extends z.ZodType> {
  readonly body?: unknown;
  /** Schema of a success answer; omitted for answers without a body (204). */
  readonly schema?: S;
  readonly headers?: Readonly<Record<string, string>>;
  readonly token?: string | null;
  readonly timeoutMs?: number;
  /** The path is from the service's root (`/console/session`), not under `/api/v1`. */
  readonly fromRoot?: boolean;
}

const DEFAULT_TIMEOUT_MS = 20_000;

/** Normalizes what an agent typed as the service's address: scheme, no trailing slash, no path noise. */
export function normalizeServerUrl(input: string): string {
  const trimmed = input.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  const url = new URL(withScheme);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw ApiError.of(0, 'invalid_input');
  }
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}

export class ApiClient {
  constructor(readonly serverUrl: string) {}

  async request<S extends z.ZodType>(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    options: RequestOptions<S> = {},
  ): Promise<z.output<S>> {
    const body = await this.requestBytes(method, path, options);
    if (!options.schema) return undefined as z.output<S>;
    const text = new TextDecoder().decode(body);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw this.badResponse(`${method} ${path} answered something that is not JSON`);
    }
    const parsed = options.schema.safeParse(json);
    if (!parsed.success)
      throw this.badResponse(`${method} ${path}: ${parsed.error.issues[0]?.message ?? ''}`);
    return parsed.data;
  }

  /**
   * A success answer's body as bytes, not parsed: for a body big enough to be parsed off the main thread
   * (a sync page, in the cache's worker). Errors are the service's, as for `request`.
   */
  async requestBytes(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    options: Omit<RequestOptions<z.ZodType>, 'schema'> = {},
  ): Promise<ArrayBuffer> {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.token) headers['authorization'] = `Bearer ${options.token}`;
    let response: Response;
    let body: ArrayBuffer;
    try {
      response = await fetch(`${this.serverUrl}${options.fromRoot ? '' : '/api/v1'}${path}`, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        redirect: 'error',
        signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      });
      body = await response.arrayBuffer();
    } catch (error) {
      throw transportError(error, this.serverUrl);
    }
    if (!response.ok) throw this.errorFrom(response, new TextDecoder().decode(body));
    return body;
  }

  /**
   * A success answer as it arrives, not read: for a body too big to hold in memory (a CSV export), which
   * the caller streams to disk. An error answer is read whole (it is small) and thrown as for `request`.
   * No overall timeout: a long export may take its time; `idleTimeoutMs` ends one that stops arriving.
   */
  async requestStream(
    path: string,
    options: { readonly token?: string | null; readonly accept: string; readonly signal?: AbortSignal },
  ): Promise<{ readonly body: ReadableStream<Uint8Array>; readonly headers: Headers }> {
    const headers: Record<string, string> = { accept: options.accept };
    if (options.token) headers['authorization'] = `Bearer ${options.token}`;
    let response: Response;
    try {
      response = await fetch(`${this.serverUrl}/api/v1${path}`, {
        method: 'GET',
        headers,
        redirect: 'error',
        signal: options.signal ?? AbortSignal.timeout(DEFAULT_TIMEOUT_MS),
      });
      if (!response.ok) {
        throw this.errorFrom(response, await response.text());
      }
    } catch (error) {
      if (error instanceof ApiError) throw error;
      throw transportError(error, this.serverUrl);
    }
    if (!response.body) throw this.badResponse(`GET ${path} answered no body`);
    return { body: response.body, headers: response.headers };
  }

  private errorFrom(response: Response, text: string): ApiError {
    const retryAfter = Number(response.headers.get('retry-after'));
    let envelope: unknown;
    try {
      envelope = JSON.parse(text);
    } catch {
      envelope = null;
    }
    const parsed = errorEnvelopeSchema.safeParse(envelope);
    if (parsed.success) {
      return new ApiError(
        response.status,
        parsed.data.error,
        Number.isFinite(retryAfter) ? retryAfter : undefined,
      );
    }
    // Not the service's envelope: a proxy or another server at that address.
    return response.status >= 500
      ? ApiError.of(response.status, 'unavailable')
      : ApiError.of(response.status, 'bad_response', { address: this.serverUrl });
  }

  /** An answer this core cannot read; what was wrong with it is the error's cause, for the log. */
  private badResponse(detail: string): ApiError {
    const error = ApiError.of(0, 'bad_response', { address: this.serverUrl });
    error.cause = new Error(detail);
    return error;
  }
}
