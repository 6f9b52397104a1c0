import { createHash, randomBytes, randomUUID } from 'node:crypto';
import * as path from 'node:path';
import mongoose from 'mongoose';
import { ErrorCode, type ErrorBody, type Organisation } from '@mitra/contracts';
import { freePorts, startApp, type ManagedProcess } from '@mitra/stack';
import {
  ApiClient,
  demoAccounts,
  demoAdmin,
  demoPassword,
  signIn,
  systemEnv,
  systemKeysDir,
  testSignInAttemptsPerMinute,
  type SignedInUser,
} from '@mitra/testing';

interface SignedIn {
  user: SignedInUser;
  csrfToken: string;
}
interface UserAccount extends SignedInUser {
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
}

interface StoredSession {
  _id: string;
  userId: string;
  csrfToken: string;
  createdAt: Date;
  expiresAt: Date;
}

const apiUrl = () => systemEnv().MITRA_API_URL;
const newEmail = (label = 'akun') => `${label}-${randomUUID().slice(0, 8)}@contoh.id`;
const password = 'kata-sandi-panjang-2026';

function rawSignIn(
  body: unknown,
  headers: Record<string, string> = { 'content-type': 'application/json' },
): Promise<Response> {
  return fetch(`${apiUrl()}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('sign-in, sessions and sign-out', () => {
  const admin = new ApiClient();

  it('signs in: the user and a CSRF token, and an httpOnly, SameSite=Strict session cookie for the whole site', async () => {
    const response = await rawSignIn({ email: demoAccounts.forumCsr.email, password: demoPassword });
    const body = (await response.json()) as SignedIn;

    expect(response.status).toBe(200);
    expect(body.user).toMatchObject({
      email: demoAccounts.forumCsr.email,
      name: demoAccounts.forumCsr.name,
      role: 'partner',
      organisationId: expect.stringMatching(/^[0-9a-f]{24}$/),
      organisationName: 'Forum CSR Kota Bandung',
    });
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [cookie] = response.headers.getSetCookie();
    expect(cookie).toMatch(/^mitra_session=[A-Za-z0-9_-]{43}; /);
    expect(cookie.split('; ').slice(1).sort()).toEqual(['HttpOnly', 'Path=/', 'SameSite=Strict']);
  });

  it('accepts the email in any case and with spaces around it', async () => {
    const response = await rawSignIn({
      email: `  ${demoAccounts.auditor.email.toUpperCase()} `,
      password: demoPassword,
    });
    expect(response.status).toBe(200);
  });

  it('gives the same 401 for a wrong password and an unknown email', async () => {
    const wrong = await rawSignIn({ email: demoAccounts.coordinator.email, password: 'bukan-kata-sandinya' });
    const unknown = await rawSignIn({ email: newEmail('tidak-ada'), password: demoPassword });

    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    const [wrongBody, unknownBody] = [(await wrong.json()) as ErrorBody, (await unknown.json()) as ErrorBody];
    expect(wrongBody).toEqual({
      code: ErrorCode.Unauthenticated,
      message: 'The email or password is wrong.',
      refusal: { code: 'api.wrong_credentials' },
    });
    expect(unknownBody).toEqual(wrongBody);
    expect(wrong.headers.getSetCookie()).toEqual([]);
  });

  it('refuses a sign-in body that is not JSON, not an object or misses fields with 400, never a 500', async () => {
    const malformed = await rawSignIn('{"email": "a@b.c", "password": ');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual({
      code: ErrorCode.ValidationFailed,
      message: 'The input is invalid.',
      errors: [expect.objectContaining({ field: '(root)', reason: 'is not valid JSON' })],
    });

    const asText = await rawSignIn(JSON.stringify({ email: demoAdmin.email, password: demoAdmin.password }), {
      'content-type': 'text/plain',
    });
    expect(asText.status).toBe(400);
    expect(((await asText.json()) as ErrorBody).code).toBe(ErrorCode.ValidationFailed);

    const missing = await rawSignIn({ email: 42 });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as ErrorBody).errors?.map((e) => e.field).sort()).toEqual([
      'email',
      'password',
    ]);
  });

  it('answers who is signed in, with the same CSRF token, and 401 without a session', async () => {
    const session = await signIn(apiUrl(), {
      email: demoAccounts.lpmCibangkong.email,
      password: demoPassword,
    });
    const me = await fetch(`${apiUrl()}/api/v1/auth/me`, { headers: { cookie: session.cookie } });
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({ user: session.user, csrfToken: session.csrfToken });

    const anonymous = await ApiClient.anonymous().get<ErrorBody>('auth/me');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toEqual({ code: ErrorCode.Unauthenticated, message: 'Sign in first.' });
  });

  it.each([
    ['an unknown token', 'mitra_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['an empty token', 'mitra_session='],
    ['a token of the wrong shape', 'mitra_session=%7B%22%24ne%22%3Anull%7D'],
    ['a malformed percent-encoding', 'mitra_session=%E0%A4%A'],
    ['a cookie header of garbage', ';;=;mitra_session;;==x'],
  ])('answers 401, not 500, for %s', async (_, cookie) => {
    const response = await fetch(`${apiUrl()}/api/v1/auth/me`, { headers: { cookie } });
    expect(response.status).toBe(401);
    expect(((await response.json()) as ErrorBody).code).toBe(ErrorCode.Unauthenticated);
  });

  it('signs out: 204, the cookie cleared, and the session no longer opens anything', async () => {
    const client = ApiClient.signedInAs(demoAccounts.coordinator.email, { fresh: true });
    expect((await client.get('auth/me')).status).toBe(200);

    const signedOut = await client.send('POST', 'auth/sign-out');
    expect(signedOut.status).toBe(204);
    expect(signedOut.headers.getSetCookie()[0]).toMatch(/^mitra_session=; .*Expires=Thu, 01 Jan 1970/);
    expect((await client.get('auth/me')).status).toBe(401);
    expect((await client.get('organisations')).status).toBe(401);
  });

  it('keeps only a hash of the session token in the database', async () => {
    const session = await signIn(apiUrl(), { email: demoAccounts.auditor.email, password: demoPassword });
    const token = session.cookie.slice('mitra_session='.length);
    const database = await mongoose
      .createConnection(systemEnv().MONGO_URL, { dbName: 'mitra_api' })
      .asPromise();
    try {
      const stored = await database
        .collection<{ _id: string }>('sessions')
        .findOne({ _id: createHash('sha256').update(token).digest('hex') });
      expect(stored).toMatchObject({ csrfToken: session.csrfToken, userId: session.user.id });
      expect(JSON.stringify(stored)).not.toContain(token);
    } finally {
      await database.close();
    }
  });

  describe('CSRF', () => {
    const organisation = () => ({
      name: `Yayasan CSRF ${randomUUID().slice(0, 8)}`,
      sector: 'cso',
      region: { province: 'Jawa Barat' },
    });

    it.each([
      ['missing', 'none'],
      ['wrong', 'wrong'],
    ] as const)('refuses a write with the CSRF token %s with 403, storing nothing', async (_, mode) => {
      const input = organisation();
      const { status, body } = await admin.withCsrf(mode).post<ErrorBody>('organisations', input);

      expect(status).toBe(403);
      expect(body).toEqual({
        code: ErrorCode.Forbidden,
        message: 'CSRF token missing or wrong',
        refusal: { code: 'access.csrf_token_wrong' },
      });
      const found = await admin.get<{ total: { count: number; exact: boolean } }>(
        `organisations?name=${encodeURIComponent(input.name)}`,
      );
      expect(found.body.total).toEqual({ count: 0, exact: true });
    });

    it("refuses another session's token", async () => {
      const other = await signIn(apiUrl(), {
        email: demoAccounts.lpmCibangkong.email,
        password: demoPassword,
      });
      const response = await admin.fetch('organisations', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': `csrf-${randomUUID()}`,
          'x-csrf-token': other.csrfToken,
        },
        body: JSON.stringify(organisation()),
      });
      expect(response.status).toBe(403);
    });

    it('lets reads through without a token', async () => {
      expect((await admin.withCsrf('none').get('organisations?limit=1')).status).toBe(200);
    });
  });

  describe('rate limit', () => {
    it('answers 429 with Retry-After once the attempts a minute for one email are spent, and still lets other emails try', async () => {
      const email = newEmail('tebak');
      const statuses = new Set<number>();
      for (let attempt = 0; attempt < testSignInAttemptsPerMinute; attempt++)
        statuses.add((await rawSignIn({ email, password: `tebakan-${attempt}` })).status);
      const limited = await rawSignIn({ email: email.toUpperCase(), password: 'tebakan-terakhir' });

      expect([...statuses]).toEqual([401]);
      expect(limited.status).toBe(429);
      expect(await limited.json()).toEqual({
        code: ErrorCode.TooManyRequests,
        message: 'Too many sign-in attempts; wait a minute and try again.',
      });
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
      expect((await rawSignIn({ email: newEmail('lain'), password: 'tebakan' })).status).toBe(401);
    });
  });

  describe('expiry', () => {
    let database: mongoose.Connection;
    const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');
    const sessions = () => database.collection<StoredSession>('sessions');

    beforeAll(async () => {
      database = await mongoose.createConnection(systemEnv().MONGO_URL, { dbName: 'mitra_api' }).asPromise();
    });
    afterAll(() => database.close());

    /** A session as the api stores it, for a real account, created and expiring when the test says. */
    async function storedSession(createdAt: Date, expiresAt: Date): Promise<string> {
      const token = randomBytes(32).toString('base64url');
      const userId = (await admin.user()).id;
      await sessions().insertOne({
        _id: hashOf(token),
        userId,
        csrfToken: 'x'.repeat(43),
        createdAt,
        expiresAt,
      });
      return token;
    }
    const me = (token: string) =>
      fetch(`${apiUrl()}/api/v1/auth/me`, { headers: { cookie: `mitra_session=${token}` } });

    it('ends a session idle past its expiry, and deletes it', async () => {
      const token = await storedSession(new Date(Date.now() - 9 * 3600_000), new Date(Date.now() - 3600_000));
      expect((await me(token)).status).toBe(401);
      expect(await sessions().countDocuments({ _id: hashOf(token) })).toBe(0);
    });

    it('ends a session a week after sign-in, however active', async () => {
      const token = await storedSession(
        new Date(Date.now() - 8 * 24 * 3600_000),
        new Date(Date.now() + 3600_000),
      );
      expect((await me(token)).status).toBe(401);
    });

    it('moves the idle expiry forward on use', async () => {
      const expiresAt = new Date(Date.now() + 10 * 60_000);
      const token = await storedSession(new Date(), expiresAt);
      expect((await me(token)).status).toBe(200);
      const stored = await sessions().findOne({ _id: hashOf(token) });
      expect(stored!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 7 * 3600_000);
    });
  });

  describe('a session outlives the api process that opened it', () => {
    let secondApi: ManagedProcess;
    let secondUrl: string;
    let database: mongoose.Connection;
    const forgotten = `forgotten-${randomUUID()}`;

    beforeAll(async () => {
      const { MONGO_URL, NATS_URL, TEMPORAL_ADDRESS, MITRA_TEST_DATA_DIR, MITRA_TEST_NATS_CREDENTIALS_DIR } = systemEnv();
      database = await mongoose.createConnection(MONGO_URL, { dbName: 'mitra_api' }).asPromise();
      // Expired and never used again: the next api to start sweeps it away.
      await database
        .collection<StoredSession>('sessions')
        .insertOne({
          _id: forgotten,
          userId: 'nobody',
          csrfToken: 'x',
          createdAt: new Date(0),
          expiresAt: new Date(1000),
        });
      const [port] = await freePorts(1);
      secondUrl = `http://127.0.0.1:${port}`;
      secondApi = await startApp('api', {
        env: { MONGO_URL, NATS_URL, TEMPORAL_ADDRESS, API_PORT: String(port) },
        natsCredentialsDir: MITRA_TEST_NATS_CREDENTIALS_DIR,
        logDir: path.join(MITRA_TEST_DATA_DIR, 'second-api'),
        keysDir: systemKeysDir(),
      });
    }, 180_000);

    afterAll(async () => {
      await secondApi?.stop();
      await database.close();
    });

    it('sweeps away sessions that expired unused when it starts', async () => {
      expect(await database.collection<StoredSession>('sessions').countDocuments({ _id: forgotten })).toBe(0);
    });

    it('is accepted by another api process on the same database, and ends there for both', async () => {
      const session = await signIn(apiUrl(), { email: demoAccounts.forumCsr.email, password: demoPassword });
      const me = await fetch(`${secondUrl}/api/v1/auth/me`, { headers: { cookie: session.cookie } });
      expect(me.status).toBe(200);

      const signOut = await fetch(`${secondUrl}/api/v1/auth/sign-out`, {
        method: 'POST',
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
      });
      expect(signOut.status).toBe(204);
      expect(
        (await fetch(`${apiUrl()}/api/v1/auth/me`, { headers: { cookie: session.cookie } })).status,
      ).toBe(401);
    });
  });
});

describe('accounts, managed by the administrator', () => {
  const admin = new ApiClient();
  let forumCsr: Organisation;

  beforeAll(async () => {
    const forumUser = await ApiClient.signedInAs(demoAccounts.forumCsr.email).user();
    forumCsr = (await admin.get<Organisation>(`organisations/${forumUser.organisationId}`)).body;
  });

  it('lists every account by email, without password hashes', async () => {
    const { status, body } = await admin.get<UserAccount[]>('users');

    expect(status).toBe(200);
    const emails = body.map((user) => user.email);
    expect(emails).toEqual([...emails].sort());
    expect(emails).toEqual(
      expect.arrayContaining([
        demoAdmin.email,
        ...Object.values(demoAccounts).map((account) => account.email),
      ]),
    );
    expect(body.find((user) => user.email === demoAccounts.lpmCibangkong.email)).toMatchObject({
      role: 'partner',
      organisationName: 'LPM Kelurahan Cibangkong',
      disabled: false,
    });
    expect(JSON.stringify(body)).not.toMatch(/argon2|passwordHash/);
  });

  it('creates a partner account bound to a registered organisation, which then signs in', async () => {
    const email = newEmail('wakil');
    const created = await admin.post<UserAccount>('users', {
      email: email.toUpperCase(),
      name: 'Wakil Forum',
      role: 'partner',
      organisationId: forumCsr.id,
      password,
    });

    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      email,
      name: 'Wakil Forum',
      role: 'partner',
      organisationId: forumCsr.id,
      organisationName: forumCsr.name,
      disabled: false,
    });
    const session = await signIn(apiUrl(), { email, password });
    expect(session.user.id).toBe(created.body.id);
  });

  it('refuses a password that is long but easy to guess, saying why', async () => {
    for (const weak of ['aaaaaaaaaaaa', 'password1234', 'bandung12345']) {
      const refused = await admin.post<ErrorBody>('users', { email: newEmail('lemah'), name: 'Akun Lemah', role: 'auditor', password: weak });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'password', reason: expect.stringMatching(/^is too easy to guess/) })]);
    }
  });

  it('refuses invalid accounts with field errors', async () => {
    const invalid = await admin.post<ErrorBody>('users', {
      email: 'bukan-email',
      name: 'X',
      role: 'superuser',
      password: 'pendek',
      isAdmin: true,
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors?.map((e) => e.field).sort()).toEqual([
      'email',
      'isAdmin',
      'name',
      'password',
      'role',
    ]);

    const noOrganisation = await admin.post<ErrorBody>('users', {
      email: newEmail(),
      name: 'Koordinator Baru',
      role: 'coordinator',
      password,
    });
    expect(noOrganisation.status).toBe(400);
    expect(noOrganisation.body.errors).toEqual([
      expect.objectContaining({ field: 'organisationId', reason: 'is required for a coordinator' }),
    ]);

    const unregistered = await admin.post<ErrorBody>('users', {
      email: newEmail(),
      name: 'Mitra Hantu',
      role: 'partner',
      organisationId: '0123456789abcdef01234567',
      password,
    });
    expect(unregistered.status).toBe(400);
    expect(unregistered.body.errors).toEqual([
      expect.objectContaining({ field: 'organisationId', reason: 'is not a registered organisation' }),
    ]);
  });

  it('refuses a second account for an email in any case with 409, also when both are created at once', async () => {
    const email = newEmail('kembar');
    const input = (address: string) => ({
      email: address,
      name: 'Auditor Kembar',
      role: 'auditor',
      password,
    });
    const [first, second] = await Promise.all([
      admin.post('users', input(email)),
      admin.post('users', input(email)),
    ]);
    expect([first.status, second.status].sort()).toEqual([201, 409]);

    const again = await admin.post<ErrorBody>('users', input(email.toUpperCase()));
    expect(again.status).toBe(409);
    expect(again.body.errors).toEqual([expect.objectContaining({ field: 'email', reason: 'is already used by another account' })]);
    expect(
      (await admin.get<UserAccount[]>('users')).body.filter((user) => user.email === email),
    ).toHaveLength(1);
  });

  it('changes name and role at once for the next request, and ends every session on a new password', async () => {
    const email = newEmail('berubah');
    const created = (
      await admin.post<UserAccount>('users', { email, name: 'Auditor Lama', role: 'auditor', password })
    ).body;
    const user = ApiClient.signedInAs(email, { password });
    expect(
      (
        await user.post('organisations', {
          name: 'Yayasan Auditor',
          sector: 'cso',
          region: { province: 'Bali' },
        })
      ).status,
    ).toBe(403);

    const promoted = await admin.patch<UserAccount>(`users/${created.id}`, {
      name: 'Koordinator Baru',
      role: 'coordinator',
      organisationId: forumCsr.id,
    });
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({
      name: 'Koordinator Baru',
      role: 'coordinator',
      organisationId: forumCsr.id,
      organisationName: forumCsr.name,
    });
    expect((await user.get<SignedIn>('auth/me')).body.user).toMatchObject({
      role: 'coordinator',
      organisationId: forumCsr.id,
    });

    expect((await admin.patch(`users/${created.id}`, { password: 'kata-sandi-yang-baru-2026' })).status).toBe(
      200,
    );
    expect((await user.get('auth/me')).status).toBe(401);
    expect((await rawSignIn({ email, password })).status).toBe(401);
    expect((await rawSignIn({ email, password: 'kata-sandi-yang-baru-2026' })).status).toBe(200);
  });

  it('disables an account: its sessions end and it signs in no more, with the same answer as a wrong password', async () => {
    const email = newEmail('nonaktif');
    const created = (
      await admin.post<UserAccount>('users', {
        email,
        name: 'Mitra Nonaktif',
        role: 'partner',
        organisationId: forumCsr.id,
        password,
      })
    ).body;
    const user = ApiClient.signedInAs(email, { password });
    expect((await user.get('auth/me')).status).toBe(200);

    const disabled = await admin.patch<UserAccount>(`users/${created.id}`, { disabled: true });
    expect(disabled.body.disabled).toBe(true);
    expect((await user.get('auth/me')).status).toBe(401);
    const again = await rawSignIn({ email, password });
    expect(again.status).toBe(401);
    expect(await again.json()).toEqual({
      code: ErrorCode.Unauthenticated,
      message: 'The email or password is wrong.',
      refusal: { code: 'api.wrong_credentials' },
    });

    expect((await admin.patch(`users/${created.id}`, { disabled: false })).status).toBe(200);
    expect((await rawSignIn({ email, password })).status).toBe(200);
  });

  it('keeps the administrator from demoting or disabling itself, and a partner or coordinator in an organisation', async () => {
    const me = await admin.user();
    const demote = await admin.patch<ErrorBody>(`users/${me.id}`, { role: 'auditor' });
    expect(demote.status).toBe(400);
    expect(demote.body.errors).toEqual([expect.objectContaining({ field: 'role', reason: 'cannot be changed on your own account' })]);
    expect((await admin.patch<ErrorBody>(`users/${me.id}`, { disabled: true })).status).toBe(400);

    const partner = (await admin.get<UserAccount[]>('users')).body.find(
      (user) => user.email === demoAccounts.forumCsr.email,
    )!;
    const orphaned = await admin.patch<ErrorBody>(`users/${partner.id}`, { organisationId: null });
    expect(orphaned.status).toBe(400);
    expect(orphaned.body.errors).toEqual([expect.objectContaining({ field: 'organisationId', reason: 'is required for a partner' })]);
  });

  it('answers 404 for an unknown account and 400 for a malformed id or body', async () => {
    expect((await admin.patch('users/0123456789abcdef01234567', { name: 'Siapa Saja' })).status).toBe(404);
    expect((await admin.patch('users/bukan-id', { name: 'Siapa Saja' })).status).toBe(400);
    const me = await admin.user();
    const bad = await admin.patch<ErrorBody>(`users/${me.id}`, { passwordHash: 'x', disabled: 'ya' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.map((e) => e.field).sort()).toEqual(['disabled', 'passwordHash']);
  });
});
