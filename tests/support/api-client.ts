/** A small HTTP client for the service's API, as an integration would use it. */
export interface ApiResponse<T = any> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

export class Api {
  constructor(
    readonly base: string,
    readonly token: string | null = null,
  ) {}

  as(token: string | null): Api {
    return new Api(this.base, token);
  }

  async call<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      redirect: 'manual',
    });
    const text = await response.text();
    const type = response.headers.get('content-type') ?? '';
    return {
      status: response.status,
      // JSON, not JSON Lines (application/jsonl), which stays text.
      body: (/\bjson\b/.test(type) && text ? JSON.parse(text) : text) as T,
      headers: response.headers,
    };
  }

  get<T = any>(path: string, headers?: Record<string, string>) {
    return this.call<T>('GET', `/api/v1${path}`, undefined, headers);
  }
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.call<T>('POST', `/api/v1${path}`, body, headers);
  }
  patch<T = any>(path: string, body?: unknown) {
    return this.call<T>('PATCH', `/api/v1${path}`, body);
  }
  put<T = any>(path: string, body?: unknown) {
    return this.call<T>('PUT', `/api/v1${path}`, body);
  }
  delete<T = any>(path: string) {
    return this.call<T>('DELETE', `/api/v1${path}`);
  }
}

/** Fails the test with the response when the status is not the expected one. */
export function expectStatus<T>(response: ApiResponse<T>, status: number): T {
  if (response.status !== status) {
    throw new Error(`expected HTTP ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
  }
  return response.body;
}

/** A refusal: the status, and the error envelope with this code and a message. */
export function expectRefused(response: ApiResponse, status: number, code: string): void {
  expectStatus(response, status);
  const error = (response.body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  if (error?.code !== code || typeof error.message !== 'string') {
    throw new Error(`expected the error ${code} with a message, got ${JSON.stringify(response.body)}`);
  }
}
