import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import type {
  Agreement,
  AgreementFields,
  ErrorBody,
  LifecycleState,
  Organisation,
  Person,
  Role,
} from '@mitra/contracts';
import { ApiClient, demoAccounts } from '@mitra/testing';

/**
 * Every route of the api, read from its OpenAPI document, against its declared access policy
 * (`x-mitra-access`, written by the @Access and @Public decorators that the AccessGuard enforces).
 * A route without a policy fails here; a policy the guard did not enforce fails the tables below.
 */

interface DeclaredPolicy {
  public?: true;
  roles?: Role[];
  partnership?: { in: 'param' | 'query' | 'body' | 'agreement'; name: string };
  actsFor?: Array<{ in: 'param' | 'body'; path: string }>;
}
interface Route {
  method: string;
  /** `/api/v1/...` with `{param}`s. */
  path: string;
  policy?: DeclaredPolicy;
}

const writeMethods = ['POST', 'PUT', 'PATCH', 'DELETE'];
const isWrite = (route: Route) => writeMethods.includes(route.method);
const name = (route: Route) => `${route.method} ${route.path}`;
const selfService = new Set(['POST /api/v1/auth/sign-out']);

async function apiRoutes(api: ApiClient): Promise<Route[]> {
  const document = (await (await fetch(`${api.baseUrl}/api/docs/openapi.json`)).json()) as {
    paths: Record<string, Record<string, { 'x-mitra-access'?: DeclaredPolicy }>>;
  };
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      policy: operation['x-mitra-access'],
    })),
  );
}

/** Sets a dotted path (`*` = the first element of an array) in a body. */
function bodyWith(path: string, value: string): Record<string, unknown> {
  const [head, ...rest] = path.split('.');
  if (rest.length === 0) return { [head]: value };
  if (rest[0] === '*') return { [head]: [bodyWith(rest.slice(1).join('.'), value)] };
  return { [head]: bodyWith(rest.join('.'), value) };
}

function fields(parties: Array<{ organisationId: string; name: string }>): AgreementFields {
  return {
    title: 'Kemitraan Uji Akses',
    place: 'Bandung',
    parties: parties.map((party, index) => ({
      ...party,
      sector: 'cso',
      role: index === 0 ? 'lead' : 'partner',
      representative: { userId: `wakil-${index}`, name: `Wakil ${party.name}`, title: 'Ketua' },
      responsibilities: ['Menjalankan program'],
      contributions: [],
    })),
    background: 'Latar belakang.',
    purpose: 'Tujuan bersama.',
    scope: ['Kegiatan bersama'],
    sdgTargets: ['2.2'],
    governance: { body: 'Forum bersama', decisionRule: 'consensus', meetingFrequency: 'quarterly' },
    communication: 'Rapat berkala.',
    funding: { mechanism: 'separate' },
    reporting: { frequency: 'quarterly' },
    startDate: '2026-10-01',
    durationMonths: 12,
  };
}

describe('access to every route of the api', () => {
  const admin = new ApiClient();
  const coordinator = ApiClient.signedInAs(demoAccounts.coordinator.email);
  const forum = ApiClient.signedInAs(demoAccounts.forumCsr.email);
  const lpm = ApiClient.signedInAs(demoAccounts.lpmCibangkong.email);
  const auditor = ApiClient.signedInAs(demoAccounts.auditor.email);
  const byRole: Record<Exclude<Role, 'admin'>, ApiClient> = { coordinator, partner: forum, auditor };

  let routes: Route[];
  /** Ours: started by the demo coordinator (Bappelitbang leads), Forum CSR a partner; LPM is not in it. */
  let ours: string;
  /** Theirs: started by the administrator for an organisation none of the demo accounts belongs to. */
  let theirs: string;
  let forumId: string;
  let lpmId: string;
  let ourAgreement: Agreement;
  let theirAgreement: Agreement;
  let forumPerson: Person;
  let someUserId: string;

  /** A concrete URL for a route: the partnership (and its agreement) given, other params of the right shape. */
  function urlOf(
    route: Route,
    partnership: 'ours' | 'theirs',
    overrides: Record<string, string> = {},
  ): string {
    const agreementId = (partnership === 'ours' ? ourAgreement : theirAgreement).id;
    const partnershipId = partnership === 'ours' ? ours : theirs;
    const locator = route.policy?.partnership;
    const values = (param: string): string => {
      if (overrides[param]) return overrides[param];
      // The param the policy names the partnership (or agreement) by, whatever it is called.
      if (locator?.in === 'param' && locator.name === param) return partnershipId;
      if (locator?.in === 'agreement' && locator.name === param) return agreementId;
      if (/partnershipId$/i.test(param)) return partnershipId;
      if (param !== 'id') return { kind: 'completeTask', number: '1', keyId: 'a'.repeat(64) }[param] ?? 'x1';
      if (route.path.startsWith('/api/v1/people/')) return forumPerson.id;
      if (route.path.startsWith('/api/v1/users/')) return someUserId;
      return forumId;
    };
    const path = route.path
      .replace(/\{(\w+)\}/g, (_, param: string) => values(param))
      .replace('/api/v1/', '');
    const query =
      route.policy?.partnership?.in === 'query' ? `?${route.policy.partnership.name}=${partnershipId}` : '';
    return path + query;
  }

  function bodyOf(
    route: Route,
    partnership: 'ours' | 'theirs',
    extra: Record<string, unknown> = {},
  ): Record<string, unknown> | undefined {
    if (!isWrite(route)) return undefined;
    const located =
      route.policy?.partnership?.in === 'body'
        ? { [route.policy.partnership.name]: partnership === 'ours' ? ours : theirs }
        : {};
    return { ...located, ...extra };
  }

  /** The status, without waiting for a stream (the live-update route) to end. */
  async function statusOf(
    client: ApiClient,
    route: Route,
    url: string,
    body?: Record<string, unknown>,
  ): Promise<{ status: number; body?: ErrorBody }> {
    const response = await client.fetch(url, {
      method: route.method,
      headers: {
        'idempotency-key': `access-${randomUUID()}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
      await response.body?.cancel();
      return { status: response.status };
    }
    const text = await response.text();
    return {
      status: response.status,
      body:
        response.headers.get('content-type')?.includes('json') && text
          ? (JSON.parse(text) as ErrorBody)
          : undefined,
    };
  }

  beforeAll(async () => {
    routes = await apiRoutes(admin);
    forumId = (await forum.user()).organisationId!;
    lpmId = (await lpm.user()).organisationId!;
    const bappelitbangId = (await coordinator.user()).organisationId!;
    const outsider = await admin.post<Organisation>('organisations', {
      name: `Yayasan Luar ${randomUUID().slice(0, 8)}`,
      sector: 'cso',
      region: { province: 'Papua' },
    });

    const started = await coordinator.post<LifecycleState>('partnerships', {
      name: `Kemitraan Kami ${randomUUID().slice(0, 6)}`,
      leadOrganisationId: bappelitbangId,
    });
    expect(started.status).toBe(201);
    ours = started.body.partnershipId;
    expect(
      (
        await coordinator.post(`partnerships/${ours}/decisions/addPartner`, {
          organisationId: forumId,
          role: 'partner',
        })
      ).status,
    ).toBe(200);
    theirs = (
      await admin.post<LifecycleState>('partnerships', {
        name: `Kemitraan Mereka ${randomUUID().slice(0, 6)}`,
        leadOrganisationId: outsider.body.id,
      })
    ).body.partnershipId;

    const createAgreement = (
      partnershipId: string,
      parties: Array<{ organisationId: string; name: string }>,
    ) => admin.post<Agreement>('agreements', { kind: 'mou', partnershipId, fields: fields(parties) });
    ourAgreement = (
      await createAgreement(ours, [
        { organisationId: bappelitbangId, name: 'Bappelitbang' },
        { organisationId: forumId, name: 'Forum CSR' },
      ])
    ).body;
    theirAgreement = (
      await createAgreement(theirs, [
        { organisationId: outsider.body.id, name: 'Yayasan Luar' },
        { organisationId: forumId, name: 'Forum CSR' },
      ])
    ).body;
    expect([ourAgreement.id, theirAgreement.id]).toEqual([expect.any(String), expect.any(String)]);

    forumPerson = (
      await forum.post<Person>('people', {
        name: 'Staf Forum',
        memberships: [{ organisationId: forumId, role: 'Staf' }],
      })
    ).body;
    someUserId = (await lpm.user()).id;
    await coordinator.post(`partnerships/${ours}/stakeholder-map/versions`, {
      basedOnVersion: 0,
      entries: [{ organisationId: forumId, interest: 3, influence: 3, role: 'partner' }],
    });
  });

  it('finds the routes in the OpenAPI document', () => {
    expect(routes.length).toBeGreaterThan(40);
  });

  it('has an access policy for every route, and only health, sign-in, published reports and the SDG catalogue are public', () => {
    expect(routes.filter((route) => !route.policy).map(name)).toEqual([]);
    expect(
      routes
        .filter((route) => route.policy?.public)
        .map(name)
        .sort(),
    ).toEqual([
      'GET /api/v1/health',
      'GET /api/v1/public/partnerships/{partnershipId}/reports',
      'GET /api/v1/public/partnerships/{partnershipId}/reports/{year}',
      'GET /api/v1/sdg/goals',
      'GET /api/v1/sdg/indicators',
      'GET /api/v1/sdg/targets',
      'POST /api/v1/auth/sign-in',
    ]);
  });

  it('never lets an auditor write (but sign out)', () => {
    expect(
      routes
        .filter(
          (route) =>
            isWrite(route) && route.policy?.roles?.includes('auditor') && !selfService.has(name(route)),
        )
        .map(name),
    ).toEqual([]);
  });

  it('answers 401 to every route but the public ones without a session', async () => {
    const anonymous = ApiClient.anonymous();
    const failures: string[] = [];
    for (const route of routes.filter((r) => !r.policy?.public)) {
      const { status, body } = await statusOf(anonymous, route, urlOf(route, 'ours'), bodyOf(route, 'ours'));
      if (status !== 401 || body?.code !== 'UNAUTHENTICATED') failures.push(`${name(route)}: ${status}`);
    }
    expect(failures).toEqual([]);
  });

  it('answers 403 to every write without the CSRF token, before anything else', async () => {
    const failures: string[] = [];
    for (const route of routes.filter((r) => isWrite(r) && !r.policy?.public)) {
      const { status, body } = await statusOf(
        admin.withCsrf('none'),
        route,
        urlOf(route, 'ours'),
        bodyOf(route, 'ours'),
      );
      if (status !== 403 || body?.message !== 'CSRF token missing or wrong')
        failures.push(`${name(route)}: ${status}`);
    }
    expect(failures).toEqual([]);
  });

  it('answers 403 to every role a route does not admit (auditors on every write)', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const route of routes.filter((r) => r.policy?.roles)) {
      for (const [role, client] of Object.entries(byRole)) {
        if (route.policy!.roles!.includes(role as Role)) continue;
        checked++;
        const { status, body } = await statusOf(client, route, urlOf(route, 'ours'), bodyOf(route, 'ours'));
        if (status !== 403 || body?.code !== 'FORBIDDEN') failures.push(`${role} ${name(route)}: ${status}`);
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(40);
  });

  it('answers 404 to a coordinator and a partner outside a partnership, for every route about it', async () => {
    const failures: string[] = [];
    const scoped = routes.filter((r) => r.policy?.partnership);
    for (const route of scoped) {
      for (const [who, client, role] of [
        ['coordinator', coordinator, 'coordinator'],
        ['partner', lpm, 'partner'],
      ] as const) {
        if (!route.policy!.roles!.includes(role)) continue;
        const { status, body } = await statusOf(
          client,
          route,
          urlOf(route, 'theirs'),
          bodyOf(route, 'theirs'),
        );
        if (status !== 404 || body?.code !== 'NOT_FOUND') failures.push(`${who} ${name(route)}: ${status}`);
      }
    }
    expect(failures).toEqual([]);
    expect(scoped.length).toBeGreaterThan(20);
  });

  it('answers 403 to a partner acting for another organisation, even in its own partnership', async () => {
    const failures: string[] = [];
    const binding = routes.filter((r) => r.policy?.actsFor && r.policy.roles?.includes('partner'));
    for (const route of binding) {
      for (const locator of route.policy!.actsFor!) {
        const url = urlOf(route, 'ours', locator.in === 'param' ? { [locator.path]: lpmId } : {});
        const body = bodyOf(route, 'ours', locator.in === 'body' ? bodyWith(locator.path, lpmId) : {});
        const { status, body: error } = await statusOf(forum, route, url, body);
        if (status !== 403 || error?.message !== 'A partner acts only for its own organisation.')
          failures.push(`${name(route)} (${locator.in} ${locator.path}): ${status}`);
      }
    }
    expect(failures).toEqual([]);
    expect(binding.length).toBeGreaterThan(5);
  });

  it('lets every admitted role, as a member of the partnership, through to the route itself', async () => {
    const failures: string[] = [];
    const clients: Record<Role, ApiClient> = { admin, coordinator, partner: forum, auditor };
    const guardNotFound = ['The partnership was not found.', 'The agreement was not found.'];
    for (const route of routes.filter((r) => r.policy?.roles && !selfService.has(name(r)))) {
      for (const role of route.policy!.roles!) {
        // With an empty body a write stops at validation; a read answers, or a service finds no such record.
        const { status, body } = await statusOf(
          clients[role],
          route,
          urlOf(route, 'ours'),
          bodyOf(route, 'ours'),
        );
        if (
          status === 401 ||
          status === 403 ||
          status >= 500 ||
          (status === 404 && guardNotFound.includes(body?.message ?? ''))
        ) {
          failures.push(`${role} ${name(route)}: ${status} ${body?.message ?? ''}`);
        }
      }
    }
    expect(failures).toEqual([]);
    // Every route once per role, one after another; the audit routes replay histories.
  }, 300_000);
});

describe('what each role may do, end to end', () => {
  const admin = new ApiClient();
  const coordinator = ApiClient.signedInAs(demoAccounts.coordinator.email);
  const forum = ApiClient.signedInAs(demoAccounts.forumCsr.email);
  const lpm = ApiClient.signedInAs(demoAccounts.lpmCibangkong.email);
  const auditor = ApiClient.signedInAs(demoAccounts.auditor.email);

  it('makes the coordinator who starts a partnership its coordinator, acting as itself', async () => {
    const me = await coordinator.user();
    const started = await coordinator.post<LifecycleState>('partnerships', {
      name: `Kemitraan Koordinator ${randomUUID().slice(0, 6)}`,
    });

    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ startedBy: me.id, coordinators: [me.id] });
    const task = await coordinator.post(`partnerships/${started.body.partnershipId}/decisions/completeTask`, {
      taskId: '1.1',
    });
    expect(task.status).toBe(200);
    expect(
      (await coordinator.get<LifecycleState>(`partnerships/${started.body.partnershipId}`)).body.tasks['1.1'],
    ).toMatchObject({ by: me.id });
  });

  it('makes a coordinator whose organisation is only a member of a partnership act there as a partner of it', async () => {
    const forumId = (await forum.user()).organisationId!;
    const bappelitbangId = (await coordinator.user()).organisationId!;
    const email = `koordinator-${randomUUID().slice(0, 8)}@forumcsr-bandung.id`;
    const password = 'Jembatan-Kali-Cikapundung-2026';
    const created = await admin.post('users', {
      email,
      name: 'Koordinator Forum CSR',
      role: 'coordinator',
      organisationId: forumId,
      password,
    });
    expect(created.status).toBe(201);
    const forumCoordinator = ApiClient.signedInAs(email, { password, fresh: true });
    const ours = (
      await coordinator.post<LifecycleState>('partnerships', {
        name: `Kemitraan Anggota ${randomUUID().slice(0, 6)}`,
      })
    ).body.partnershipId;
    expect(
      (await coordinator.post(`partnerships/${ours}/decisions/addPartner`, { organisationId: forumId, role: 'partner' }))
        .status,
    ).toBe(200);
    const funding = `partnerships/${ours}/funding`;
    const line = (id: string, organisationId: string) => ({
      id,
      activity: `Kegiatan ${id}`,
      amount: 50_000_000,
      year: 2026,
      sdgTargets: ['2.2'],
      responsibleOrganisationId: organisationId,
      source: { kind: 'apbd' },
    });
    const plan = { mechanism: 'common_fund', fundHolderOrganisationId: bappelitbangId, lines: [line('L1', bappelitbangId)] };
    const commitment = (organisationId: string) => ({
      organisationId,
      contribution: { kind: 'cash', amount: 10_000_000 },
      schedule: [{ dueOn: '2026-08-01', amount: 10_000_000 }],
    });

    // What only the partnership's coordinators may do is refused: the plan, decisions, a reversal.
    const refusedPlan = await forumCoordinator.post<ErrorBody>(`${funding}/plan`, plan);
    expect(refusedPlan.status).toBe(403);
    expect(refusedPlan.body.message).toContain('act as a partner');
    expect((await forumCoordinator.post(`partnerships/${ours}/decisions/completeTask`, { taskId: '1.1' })).status).toBe(403);
    expect((await coordinator.post(`${funding}/plan`, plan)).status).toBe(201);
    const theirs = await coordinator.post<{ sequence: number }>(`${funding}/commitments`, commitment(bappelitbangId));
    expect(theirs.status).toBe(201);
    expect(
      (await forumCoordinator.post(`${funding}/entries/${theirs.body.sequence}/reversal`, { reason: 'Salah catat' })).status,
    ).toBe(403);
    // As a partner: for its own organisation only, recorded as the partner it acted as.
    expect((await forumCoordinator.post(`${funding}/commitments`, commitment(bappelitbangId))).status).toBe(403);
    const own = await forumCoordinator.post<{ actor: { role: string; organisationId: string } }>(
      `${funding}/commitments`,
      commitment(forumId),
    );
    expect(own.status).toBe(201);
    expect(own.body.actor).toMatchObject({ role: 'partner', organisationId: forumId });
    // Where its organisation leads, it coordinates.
    const led = await forumCoordinator.post<LifecycleState>('partnerships', {
      name: `Kemitraan Forum ${randomUUID().slice(0, 6)}`,
    });
    expect(led.status).toBe(201);
    expect(
      (await forumCoordinator.post(`partnerships/${led.body.partnershipId}/decisions/completeTask`, { taskId: '1.1' }))
        .status,
    ).toBe(200);
  });

  it("gives a coordinator 409, not another's partnership, for an idempotency key already used by someone else", async () => {
    const key = `start-${randomUUID()}`;
    expect((await admin.post('partnerships', { name: 'Kemitraan Rahasia' }, key)).status).toBe(201);
    const reused = await coordinator.post<ErrorBody>('partnerships', { name: 'Kemitraan Rahasia' }, key);
    expect(reused.status).toBe(409);
    expect(JSON.stringify(reused.body)).not.toContain('Kemitraan Rahasia');
  });

  it('lets a partner read and report in its partnership, for its own organisation, and nothing of another', async () => {
    const forumId = (await forum.user()).organisationId!;
    const ours = (
      await coordinator.post<LifecycleState>('partnerships', {
        name: `Kemitraan Laporan ${randomUUID().slice(0, 6)}`,
      })
    ).body.partnershipId;
    expect(
      (
        await coordinator.post(`partnerships/${ours}/decisions/addPartner`, {
          organisationId: forumId,
          role: 'partner',
        })
      ).status,
    ).toBe(200);

    const base = `monitoring/partnerships/${ours}`;
    expect((await coordinator.post(`${base}/sdg-targets`, { targets: ['2.2'] })).status).toBe(201);
    const indicator = await coordinator.post<{ id: string }>(`${base}/indicators`, {
      name: 'Balita ditimbang',
      sdg: { kind: 'target', code: '2.2' },
      unit: 'anak',
      direction: 'higher_is_better',
      accumulation: 'per_period',
    });
    expect(indicator.status).toBe(201);

    expect((await forum.get<LifecycleState>(`partnerships/${ours}`)).status).toBe(200);
    expect((await forum.get(base)).status).toBe(200);
    const report = await forum.post<{ organisationId: string; submittedBy: string }>(`${base}/reports`, {
      periodNumber: 1,
      values: [{ indicatorId: indicator.body.id, value: 12 }],
      narrative: 'Penimbangan di posyandu.',
    });
    expect(report.status).toBe(201);
    expect(report.body).toMatchObject({ organisationId: forumId, submittedBy: (await forum.user()).id });

    expect((await lpm.get(`partnerships/${ours}`)).status).toBe(404);
    expect((await lpm.get(`monitoring/partnerships/${ours}`)).status).toBe(404);
  });

  it("lists a coordinator's and a partner's agreements of their partnerships only; admins and auditors see all", async () => {
    const forumId = (await forum.user()).organisationId!;
    const bappelitbangId = (await coordinator.user()).organisationId!;
    const ours = (
      await coordinator.post<LifecycleState>('partnerships', {
        name: `Kemitraan MoU ${randomUUID().slice(0, 6)}`,
        leadOrganisationId: bappelitbangId,
      })
    ).body.partnershipId;
    expect(
      (
        await coordinator.post(`partnerships/${ours}/decisions/addPartner`, {
          organisationId: forumId,
          role: 'partner',
        })
      ).status,
    ).toBe(200);
    const theirs = (
      await admin.post<LifecycleState>('partnerships', { name: `Kemitraan Lain ${randomUUID().slice(0, 6)}` })
    ).body.partnershipId;
    const parties = [
      { organisationId: bappelitbangId, name: 'Bappelitbang' },
      { organisationId: forumId, name: 'Forum CSR' },
    ];
    const ourMou = (
      await coordinator.post<Agreement>('agreements', {
        kind: 'mou',
        partnershipId: ours,
        fields: fields(parties),
      })
    ).body;
    const theirMou = (
      await admin.post<Agreement>('agreements', {
        kind: 'mou',
        partnershipId: theirs,
        fields: fields(parties),
      })
    ).body;

    const ids = async (client: ApiClient) =>
      (await client.get<Array<{ id: string }>>('agreements?limit=100')).body.map((a) => a.id);
    expect(await ids(coordinator)).toContain(ourMou.id);
    expect(await ids(coordinator)).not.toContain(theirMou.id);
    expect(await ids(forum)).toContain(ourMou.id);
    expect(await ids(forum)).not.toContain(theirMou.id);
    expect(await ids(auditor)).toEqual(expect.arrayContaining([ourMou.id, theirMou.id]));
    expect((await forum.get(`agreements/${ourMou.id}`)).status).toBe(200);
    expect((await forum.get(`agreements/${theirMou.id}`)).status).toBe(404);
    expect((await coordinator.get(`agreements?partnershipId=${theirs}`)).status).toBe(404);
  });

  it('lets an auditor read any partnership and its records, and write nothing, storing nothing', async () => {
    const theirs = (
      await admin.post<LifecycleState>('partnerships', {
        name: `Kemitraan Audit ${randomUUID().slice(0, 6)}`,
      })
    ).body.partnershipId;
    expect((await auditor.get(`partnerships/${theirs}`)).status).toBe(200);
    expect((await auditor.get(`monitoring/partnerships/${theirs}`)).status).toBe(200);
    expect((await auditor.get(`partnerships/${theirs}/representatives`)).status).toBe(200);

    const name = `Yayasan Auditor ${randomUUID().slice(0, 8)}`;
    expect(
      (await auditor.post('organisations', { name, sector: 'cso', region: { province: 'Bali' } })).status,
    ).toBe(403);
    expect(
      (await auditor.post(`partnerships/${theirs}/decisions/completeTask`, { taskId: '1.1' })).status,
    ).toBe(403);
    expect(
      (
        await admin.get<{ total: { count: number; exact: boolean } }>(
          `organisations?name=${encodeURIComponent(name)}`,
        )
      ).body.total,
    ).toEqual({ count: 0, exact: true });
  });

  it('lets a partner register a person of its own organisation only', async () => {
    const forumId = (await forum.user()).organisationId!;
    const lpmId = (await lpm.user()).organisationId!;
    expect(
      (
        await forum.post('people', {
          name: 'Staf Forum Baru',
          memberships: [{ organisationId: forumId, role: 'Staf' }],
        })
      ).status,
    ).toBe(201);
    const database = await mongoose
      .createConnection(process.env.MONGO_URL!, { dbName: 'mitra_stakeholders' })
      .asPromise();
    try {
      const before = await database.collection('people').countDocuments();
      expect(
        (
          await forum.post('people', {
            name: 'Staf LPM',
            memberships: [{ organisationId: lpmId, role: 'Warga' }],
          })
        ).status,
      ).toBe(403);
      expect(await database.collection('people').countDocuments()).toBe(before);
    } finally {
      await database.close();
    }
  });
});
