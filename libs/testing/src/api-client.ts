import { randomUUID } from 'node:crypto';
import type { Role } from '@mitra/contracts';
import { demoAdmin, demoPassword, type Credentials } from './demo-accounts';
import { systemEnv } from './system';

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** Who the api says is signed in (its SessionUser). */
export interface SignedInUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  organisationId?: string;
  organisationName?: string;
}

export interface Session {
  /** `mitra_session=<token>`, as a Cookie header. */
  cookie: string;
  csrfToken: string;
  user: SignedInUser;
}

/** What `X-CSRF-Token` a client sends on writes: its session's, none, or a wrong one. */
export type CsrfMode = 'session' | 'none' | 'wrong';

const sessionCookieName = 'mitra_session';

/** Sessions the global setup opened once for the demo accounts, so tests do not spend sign-in attempts. */
function sharedSessions(): Record<string, Session> {
  return JSON.parse(process.env.MITRA_TEST_SESSIONS ?? '{}') as Record<string, Session>;
}

/** Signs in through the api; throws unless it answers 200 with a session cookie. */
export async function signIn(baseUrl: string, credentials: Credentials): Promise<Session> {
  const response = await fetch(`${baseUrl}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  const body = (await response.json()) as { user: SignedInUser; csrfToken: string };
  const cookie = response.headers.getSetCookie().find((header) => header.startsWith(`${sessionCookieName}=`));
  if (response.status !== 200 || !cookie)
    throw new Error(`Sign-in as ${credentials.email} gave ${response.status}: ${JSON.stringify(body)}`);
  return { cookie: cookie.split(';')[0], csrfToken: body.csrfToken, user: body.user };
}

/**
 * A small HTTP client for the api that the global setup started. It acts as the demo administrator
 * unless told otherwise, signing in on first use; `signedInAs` acts as another account and
 * `anonymous` sends no session at all.
 */
export class ApiClient {
  private session?: Promise<Session>;

  constructor(
    readonly baseUrl = systemEnv().MITRA_API_URL,
    private readonly credentials: (Credentials & { fresh?: boolean }) | null = demoAdmin,
    private readonly csrf: CsrfMode = 'session',
    session?: Promise<Session>,
  ) {
    this.session = session;
  }

  /** Acts as that account; `fresh` signs in anew instead of reusing the session the global setup opened. */
  static signedInAs(
    email: string,
    options: { password?: string; fresh?: boolean; baseUrl?: string } = {},
  ): ApiClient {
    return new ApiClient(options.baseUrl, {
      email,
      password: options.password ?? demoPassword,
      fresh: options.fresh,
    });
  }

  static anonymous(baseUrl?: string): ApiClient {
    return new ApiClient(baseUrl, null);
  }

  /** The same session, sending no or a wrong CSRF token on writes. */
  withCsrf(csrf: CsrfMode): ApiClient {
    return new ApiClient(
      this.baseUrl,
      this.credentials,
      csrf,
      this.credentials ? this.signedIn() : undefined,
    );
  }

  /** The session this client acts in (signing in if it has none yet). */
  signedIn(): Promise<Session> {
    if (!this.credentials) throw new Error('An anonymous client has no session.');
    const { email, password, fresh } = this.credentials;
    const shared = fresh ? undefined : sharedSessions()[email.toLowerCase()];
    this.session ??= shared ? Promise.resolve(shared) : signIn(this.baseUrl, { email, password });
    return this.session;
  }

  async user(): Promise<SignedInUser> {
    return (await this.signedIn()).user;
  }

  async get<T = unknown>(path: string, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    return this.send<T>('GET', path, undefined, headers);
  }

  /** POSTs a command with a fresh idempotency key unless one is given; `null` sends none. */
  async post<T = unknown>(
    path: string,
    body: unknown,
    idempotencyKey: string | null = `test-${randomUUID()}`,
  ): Promise<ApiResponse<T>> {
    return this.send<T>('POST', path, body, idempotencyKey ? { 'idempotency-key': idempotencyKey } : {});
  }

  async patch<T = unknown>(path: string, body: unknown): Promise<ApiResponse<T>> {
    return this.send<T>('PATCH', path, body);
  }

  async send<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const response = await this.fetch(path, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: (text ? JSON.parse(text) : undefined) as T,
      headers: response.headers,
    };
  }

  /** A raw request to `/api/v1/<path>` with this client's session cookie and CSRF token. */
  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.credentials) {
      const session = await this.signedIn();
      headers.set('cookie', session.cookie);
      // A token the caller set itself is sent as it is.
      if (this.csrf === 'session' && !headers.has('x-csrf-token'))
        headers.set('x-csrf-token', session.csrfToken);
      if (this.csrf === 'wrong')
        headers.set(
          'x-csrf-token',
          `${session.csrfToken.slice(0, -1)}${session.csrfToken.endsWith('A') ? 'B' : 'A'}`,
        );
    }
    const request = () => fetch(`${this.baseUrl}/api/v1/${path}`, { ...init, headers });
    try {
      return await request();
    } catch (error) {
      // A pooled connection the server side closed before answering (seen on a loaded CI machine): once more.
      const cause = (error as { cause?: { code?: string } }).cause;
      if (error instanceof TypeError && cause?.code === 'UND_ERR_SOCKET') return request();
      throw error;
    }
  }
}
