import { apiUrl, createApiClient, type ApiClientDependencies } from './api-client';
import { ApiError, apiErrorFrom, fieldErrorsOf, parseRetryAfter, type ApiFieldError } from './api-error';

/** The tests read which field error went where; a screen words it (`useErrorWords`). */
const reasonOf = (fieldError: ApiFieldError) => fieldError.reason;
import { newIdempotencyKey } from './idempotency-key';

type FetchCall = [string, RequestInit];

function clientWith(
  response: Response | Error | DOMException,
  overrides: Partial<ApiClientDependencies> = {},
) {
  const fetchImpl = jest.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => {
    if (!(response instanceof Response)) throw response;
    return response;
  });
  const onUnauthenticated = jest.fn();
  const client = createApiClient({
    fetchImpl: fetchImpl as unknown as typeof fetch,
    csrfToken: () => 'csrf-1',
    onUnauthenticated,
    newIdempotencyKey: () => 'key-1',
    ...overrides,
  });
  const call = () => fetchImpl.mock.calls[0] as unknown as FetchCall;
  const headers = () => call()[1].headers as Record<string, string>;
  return { client, fetchImpl, onUnauthenticated, call, headers };
}

const rejectionOf = async (promise: Promise<unknown>): Promise<ApiError> => {
  const error = await promise.then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
};

describe('createApiClient', () => {
  it('reads with the session cookie and neither a CSRF token nor an idempotency key', async () => {
    const { client, call, headers } = clientWith(Response.json({ items: [] }));
    await expect(client.get('/inbox')).resolves.toEqual({ items: [] });
    expect(call()[0]).toBe('/api/v1/inbox');
    expect(call()[1]).toMatchObject({ method: 'GET', credentials: 'same-origin' });
    expect(headers()).toEqual({ accept: 'application/json' });
  });

  it('sends the CSRF token and a fresh idempotency key on a POST', async () => {
    const { client, call, headers } = clientWith(Response.json({ ok: true }));
    await client.post('/partnerships/abc/decisions/answerQuestion', { questionId: 'I.1', answer: 'Ya' });
    expect(headers()).toEqual({
      accept: 'application/json',
      'content-type': 'application/json',
      'x-csrf-token': 'csrf-1',
      'idempotency-key': 'key-1',
    });
    expect(JSON.parse(call()[1].body as string)).toEqual({ questionId: 'I.1', answer: 'Ya' });
  });

  it('reuses the idempotency key it is given, so a retry is the same command', async () => {
    const { client, headers } = clientWith(Response.json({}));
    await client.post('/partnerships', { name: 'Stunting' }, { idempotencyKey: 'retry-me' });
    expect(headers()['idempotency-key']).toBe('retry-me');
  });

  it.each(['PUT', 'PATCH', 'DELETE'] as const)(
    'sends the CSRF token but no idempotency key on %s',
    async (method) => {
      const { client, headers } = clientWith(new Response(null, { status: 204 }));
      await expect(client.request(method, '/users/u1')).resolves.toBeUndefined();
      expect(headers()['x-csrf-token']).toBe('csrf-1');
      expect(headers()['idempotency-key']).toBeUndefined();
    },
  );

  it('sends no CSRF header before the session has a token', async () => {
    const { client, headers } = clientWith(Response.json({}), { csrfToken: () => undefined });
    await client.post('/auth/sign-in', { email: 'a@b.id', password: 'x' });
    expect(headers()['x-csrf-token']).toBeUndefined();
  });

  it('turns the typed error body into field errors', async () => {
    const body = {
      code: 'VALIDATION_FAILED',
      message: 'The input is invalid.',
      errors: [
        { field: 'answer', reason: 'must be at least 3 characters' },
        { field: 'answer', reason: 'a second reason for the same field' },
        { field: 'evidence.0.url', reason: 'must be a URL' },
      ],
    };
    const { client } = clientWith(Response.json(body, { status: 400 }));
    const error = await rejectionOf(client.post('/partnerships/abc/decisions/answerQuestion', {}));
    expect(error).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', message: 'The input is invalid.' });
    expect(fieldErrorsOf(error, reasonOf)).toEqual({
      answer: 'must be at least 3 characters',
      'evidence.0.url': 'must be a URL',
    });
  });

  it('ends the session on a 401, unless the caller expects one', async () => {
    const unauthenticated = { code: 'UNAUTHENTICATED', message: 'Sign in first' };
    const first = clientWith(Response.json(unauthenticated, { status: 401 }));
    expect((await rejectionOf(first.client.get('/inbox'))).code).toBe('UNAUTHENTICATED');
    expect(first.onUnauthenticated).toHaveBeenCalledTimes(1);

    const second = clientWith(Response.json(unauthenticated, { status: 401 }));
    await rejectionOf(second.client.post('/auth/sign-in', {}, { signOutOnUnauthenticated: false }));
    expect(second.onUnauthenticated).not.toHaveBeenCalled();
  });

  it('keeps a 403 in the session', async () => {
    const { client, onUnauthenticated } = clientWith(
      Response.json({ code: 'FORBIDDEN', message: 'CSRF token missing or wrong' }, { status: 403 }),
    );
    expect((await rejectionOf(client.post('/x', {}))).code).toBe('FORBIDDEN');
    expect(onUnauthenticated).not.toHaveBeenCalled();
  });

  it('reads a 429 from the rate limiter, whose body is not ours, with its Retry-After', async () => {
    const { client } = clientWith(
      Response.json(
        { statusCode: 429, message: 'ThrottlerException: Too Many Requests' },
        { status: 429, headers: { 'Retry-After': '60' } },
      ),
    );
    const error = await rejectionOf(client.post('/auth/sign-in', {}, { signOutOnUnauthenticated: false }));
    expect(error).toMatchObject({
      status: 429,
      code: 'TOO_MANY_REQUESTS',
      retryAfterSeconds: 60,
      fieldErrors: [],
    });
  });

  it('reads a status whose body is not JSON', async () => {
    const { client } = clientWith(new Response('<html>Bad gateway</html>', { status: 502 }));
    expect(await rejectionOf(client.get('/inbox'))).toMatchObject({
      status: 502,
      code: 'SERVICE_UNAVAILABLE',
      message: 'HTTP 502',
    });
  });

  describe('a command whose outcome is unknown (504)', () => {
    const unknown = () =>
      Response.json(
        { code: 'OUTCOME_UNKNOWN', message: 'The funding service did not answer in time' },
        { status: 504 },
      );
    const stored = () => Response.json({ sequence: 1 }, { status: 201 });

    function sequence(...responses: Response[]) {
      const fetchImpl = jest.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => responses.shift()!);
      const onStillProcessing = jest.fn();
      const client = createApiClient({
        fetchImpl: fetchImpl as unknown as typeof fetch,
        csrfToken: () => 'csrf-1',
        onUnauthenticated: jest.fn(),
        newIdempotencyKey: () => 'key-1',
        onStillProcessing,
        outcomeRetryDelaysMs: [0, 0],
      });
      const keys = () =>
        fetchImpl.mock.calls.map(([, init]) => (init!.headers as Record<string, string>)['idempotency-key']);
      return { client, fetchImpl, onStillProcessing, keys };
    }

    it('sends it again with the same idempotency key and returns the original result', async () => {
      const { client, onStillProcessing, keys } = sequence(unknown(), stored());
      await expect(client.post('/partnerships/p/funding/plan', { plan: {} })).resolves.toEqual({
        sequence: 1,
      });
      expect(keys()).toEqual(['key-1', 'key-1']);
      expect(onStillProcessing.mock.calls).toEqual([[true], [false]]);
    });

    it('says the outcome is unknown, not that it failed, when the resends do not settle it', async () => {
      const { client, fetchImpl, onStillProcessing } = sequence(unknown(), unknown(), unknown());
      expect(await rejectionOf(client.post('/partnerships/p/funding/plan', {}))).toMatchObject({
        status: 504,
        code: 'OUTCOME_UNKNOWN',
      });
      expect(fetchImpl).toHaveBeenCalledTimes(3);
      expect(onStillProcessing.mock.calls).toEqual([[true], [false]]);
    });

    it('does not resend a read, nor a command that was refused', async () => {
      const read = sequence(unknown());
      expect(await rejectionOf(read.client.get('/partnerships/p/funding'))).toMatchObject({
        code: 'OUTCOME_UNKNOWN',
      });
      expect(read.fetchImpl).toHaveBeenCalledTimes(1);
      const refused = sequence(
        Response.json({ code: 'SERVICE_UNAVAILABLE', message: 'down' }, { status: 503 }),
      );
      expect(await rejectionOf(refused.client.post('/partnerships/p/funding/plan', {}))).toMatchObject({
        code: 'SERVICE_UNAVAILABLE',
      });
      expect(refused.fetchImpl).toHaveBeenCalledTimes(1);
      expect(refused.onStillProcessing).not.toHaveBeenCalled();
    });
  });

  it('reports an api it cannot reach', async () => {
    const { client } = clientWith(new TypeError('Failed to fetch'));
    expect(await rejectionOf(client.get('/inbox'))).toMatchObject({ status: 0, code: 'UNREACHABLE' });
  });

  it('rethrows the abort reason when the caller aborts', async () => {
    const controller = new AbortController();
    controller.abort(new Error('unmounted'));
    const { client } = clientWith(new DOMException('aborted', 'AbortError'));
    await expect(client.get('/inbox', { signal: controller.signal })).rejects.toThrow('unmounted');
  });
});

describe('apiUrl', () => {
  it('prefixes /api/v1 and leaves out empty filters', () => {
    expect(apiUrl('/partnerships', { stage: 'formation', sdg: 3, region: '', health: undefined })).toBe(
      '/api/v1/partnerships?stage=formation&sdg=3',
    );
    expect(apiUrl('sdg/goals')).toBe('/api/v1/sdg/goals');
  });

  it('encodes values', () => {
    expect(apiUrl('/partnerships', { region: 'Kota Bandung & sekitarnya' })).toBe(
      '/api/v1/partnerships?region=Kota+Bandung+%26+sekitarnya',
    );
  });
});

describe('apiErrorFrom', () => {
  it('ignores malformed field errors and unknown codes', () => {
    const error = apiErrorFrom(
      409,
      { code: 'SOMETHING_NEW', errors: [{ field: 'a' }, 'b', { field: 'c', reason: 'taken' }] },
      null,
    );
    expect(error).toMatchObject({
      code: 'CONFLICT',
      message: 'HTTP 409',
      fieldErrors: [{ field: 'c', reason: 'taken' }],
    });
  });
});

describe('fieldErrorsOf', () => {
  it('strips the wrapper a route puts in front of the field', () => {
    const error = new ApiError(400, 'VALIDATION_FAILED', 'invalid', [
      { field: 'indicator.name', reason: 'is required' },
      { field: 'other', reason: 'kept as it is' },
    ]);
    expect(fieldErrorsOf(error, reasonOf, 'indicator.')).toEqual({
      name: 'is required',
      other: 'kept as it is',
    });
  });

  it('has nothing for other errors', () => {
    expect(fieldErrorsOf(new Error('boom'), reasonOf)).toEqual({});
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    const now = new Date('2026-01-05T08:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter('Mon, 05 Jan 2026 08:01:30 GMT', now)).toBe(90);
    expect(parseRetryAfter('Mon, 05 Jan 2026 07:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe('newIdempotencyKey', () => {
  const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  it('makes a UUID v4 also where randomUUID is missing (plain http)', () => {
    const keys = new Set(
      Array.from({ length: 50 }, () =>
        newIdempotencyKey({ getRandomValues: (array) => globalThis.crypto.getRandomValues(array) }),
      ),
    );
    expect(keys.size).toBe(50);
    for (const key of keys) expect(key).toMatch(uuidV4);
  });

  it('uses randomUUID where it exists', () => {
    expect(newIdempotencyKey(globalThis.crypto)).toMatch(uuidV4);
  });
});
