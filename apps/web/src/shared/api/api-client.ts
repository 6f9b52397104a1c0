import { ApiError, apiErrorFrom } from './api-error';
import { newIdempotencyKey } from './idempotency-key';

export const apiBasePath = '/api/v1';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  body?: unknown;
  /** Query parameters; empty and undefined values are left out. */
  query?: Record<string, string | number | undefined>;
  signal?: AbortSignal;
  /** Reuse a key to retry the same command; a POST gets a fresh one otherwise. */
  idempotencyKey?: string;
  /**
   * A 401 normally ends the session in the web too (and so leads to the sign-in page). Sign-in and the
   * session check expect a 401 as an answer and turn this off.
   */
  signOutOnUnauthenticated?: boolean;
}

export interface ApiClientDependencies {
  fetchImpl?: typeof fetch;
  /** The session's CSRF token, sent on every write. */
  csrfToken: () => string | undefined;
  /** Called on a 401 from any request that did not turn it off. */
  onUnauthenticated: () => void;
  newIdempotencyKey?: () => string;
  /**
   * Told `true` while a command whose outcome is not yet known (504 OUTCOME_UNKNOWN) is being sent again,
   * `false` once it is settled either way: the shell shows "still processing" meanwhile.
   */
  onStillProcessing?: (processing: boolean) => void;
  /** The waits before each resend of such a command; their number is the number of resends. */
  outcomeRetryDelaysMs?: readonly number[];
}

/** Two resends, a second and then three apart: long enough for a slow write to finish, short enough to wait for. */
export const defaultOutcomeRetryDelaysMs = [1000, 3000] as const;

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });

export interface ApiClient {
  request<T>(method: HttpMethod, path: string, options?: RequestOptions): Promise<T>;
  get<T>(path: string, options?: Omit<RequestOptions, 'body' | 'idempotencyKey'>): Promise<T>;
  post<T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>): Promise<T>;
  put<T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>): Promise<T>;
  patch<T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>): Promise<T>;
  delete<T>(path: string, options?: Omit<RequestOptions, 'body'>): Promise<T>;
}

/** `/partnerships`, `{stage: 'formation', sdg: undefined}` → `/api/v1/partnerships?stage=formation`. */
export function apiUrl(path: string, query: RequestOptions['query'] = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.append(name, String(value));
  }
  const search = params.toString();
  return `${apiBasePath}${path.startsWith('/') ? path : `/${path}`}${search ? `?${search}` : ''}`;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * fetch for the api: the session cookie goes along, writes carry `X-CSRF-Token`, POSTs an
 * `Idempotency-Key`, and every failure becomes an `ApiError` with the api's field errors.
 */
export function createApiClient(dependencies: ApiClientDependencies): ApiClient {
  const fetchImpl = dependencies.fetchImpl ?? ((input, init) => fetch(input, init));
  const makeKey = dependencies.newIdempotencyKey ?? newIdempotencyKey;
  const outcomeRetryDelaysMs = dependencies.outcomeRetryDelaysMs ?? defaultOutcomeRetryDelaysMs;

  /**
   * A POST is a command with an idempotency key. When the api answers 504 OUTCOME_UNKNOWN the command may
   * have been carried out: it is sent again with the same key, which returns the original result rather than
   * doing it twice. If the outcome is still unknown after the resends, that is what the caller learns.
   */
  async function request<T>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<T> {
    if (method !== 'POST') return send<T>(method, path, options);
    const keyed = { ...options, idempotencyKey: options.idempotencyKey ?? makeKey() };
    let resends = 0;
    try {
      for (;;) {
        try {
          return await send<T>(method, path, keyed);
        } catch (error) {
          if (
            !(error instanceof ApiError) ||
            error.code !== 'OUTCOME_UNKNOWN' ||
            resends === outcomeRetryDelaysMs.length
          )
            throw error;
          if (resends === 0) dependencies.onStillProcessing?.(true);
          await sleep(outcomeRetryDelaysMs[resends], options.signal);
          resends += 1;
        }
      }
    } finally {
      if (resends > 0) dependencies.onStillProcessing?.(false);
    }
  }

  async function send<T>(method: HttpMethod, path: string, options: RequestOptions): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET') {
      const token = dependencies.csrfToken();
      if (token) headers['x-csrf-token'] = token;
    }
    if (method === 'POST') headers['idempotency-key'] = options.idempotencyKey ?? makeKey();

    let response: Response;
    try {
      response = await fetchImpl(apiUrl(path, options.query), {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        credentials: 'same-origin',
        signal: options.signal,
      });
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      throw new ApiError(
        0,
        'UNREACHABLE',
        error instanceof Error ? error.message : 'The api cannot be reached',
      );
    }

    if (response.ok) return (response.status === 204 ? undefined : await readJson(response)) as T;

    const error = apiErrorFrom(
      response.status,
      await readJson(response),
      response.headers.get('retry-after'),
    );
    if (error.status === 401 && options.signOutOnUnauthenticated !== false) dependencies.onUnauthenticated();
    throw error;
  }

  return {
    request,
    get: (path, options) => request('GET', path, options),
    post: (path, body, options) => request('POST', path, { ...options, body }),
    put: (path, body, options) => request('PUT', path, { ...options, body }),
    patch: (path, body, options) => request('PATCH', path, { ...options, body }),
    delete: (path, options) => request('DELETE', path, options),
  };
}
