import { randomBytes } from 'node:crypto';
import type {
  Agreement,
  AgreementFields,
  ChainVerification,
  ErrorBody,
  Inbox,
  InboxItem,
  LedgerEntry,
  LifecycleState,
  Organisation,
  PartnershipIndicator,
  PartnershipList,
  RecentPartnerships,
} from '@mitra/contracts';
import { stageDefinition, stageTasks } from '@mitra/domain';
import { ApiClient, demoAccounts } from '@mitra/testing';

/** Temporal's visibility store is updated after the workflow task: poll until it shows. */
async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('inbox and partnerships list: events → projection → api', () => {
  const api = new ApiClient();
  let partnershipId = '';

  beforeAll(async () => {
    partnershipId = (await api.post<LifecycleState>('partnerships', { name: 'Kemitraan Gizi Kotak Masuk' }))
      .body.partnershipId;
    const base = `monitoring/partnerships/${partnershipId}`;
    expect((await api.post(`${base}/sdg-targets`, { targets: ['2.2', '3.2'] })).status).toBe(201);
    const indicator = await api.post<PartnershipIndicator>(`${base}/indicators`, {
      name: 'Balita ditimbang',
      sdg: { kind: 'target', code: '2.2' },
      unit: 'anak',
      direction: 'higher_is_better',
      accumulation: 'per_period',
    });
    const report = await api.post(`${base}/reports`, {
      periodNumber: 1,
      organisationId: 'org-posyandu',
      values: [{ indicatorId: indicator.body.id, value: 120 }],
      narrative: 'Penimbangan di 4 posyandu.',
    });
    expect(report.status).toBe(201);
  });

  it("puts a submitted report in the coordinator's inbox with its due date and page, most urgent first", async () => {
    const inbox = await eventually(
      async () => (await api.get<Inbox>('inbox')).body,
      (found) =>
        found.items.some((item) => item.partnershipId === partnershipId && item.kind === 'report_review'),
    );
    const item = inbox.items.find(
      (found) => found.partnershipId === partnershipId && found.kind === 'report_review',
    );
    expect(item).toMatchObject({
      kind: 'report_review',
      partnershipName: 'Kemitraan Gizi Kotak Masuk',
      stage: 'initiation',
      subject: '1',
      organisationId: 'org-posyandu',
      overdue: false,
      link: `/partnerships/${partnershipId}/reports?view=reports`,
    });
    expect(Date.parse(item!.dueAt!) - Date.now()).toBeGreaterThan(6 * 86_400_000);
    const dated = inbox.items.flatMap((found) => (found.dueAt ? [found.dueAt] : []));
    expect(dated).toEqual([...dated].sort());
    expect(inbox.unavailable).toEqual([]);
  });

  it('lists the partnership with its stage and SDG goals, and filters by stage and goal', async () => {
    const listed = await eventually(
      async () => (await api.get<PartnershipList>('partnerships?stage=initiation&sdg=3')).body,
      (found) => found.items.some((item) => item.partnershipId === partnershipId),
    );
    expect(listed.items.find((item) => item.partnershipId === partnershipId)).toMatchObject({
      name: 'Kemitraan Gizi Kotak Masuk',
      stage: 'initiation',
      status: 'active',
      sdgGoals: [2, 3],
      health: 'on_track',
    });
    const ids = (query: string) =>
      api
        .get<PartnershipList>(`partnerships?${query}`)
        .then((response) => response.body.items.map((item) => item.partnershipId));
    expect(await ids('stage=formation')).not.toContain(partnershipId);
    expect(await ids('sdg=4')).not.toContain(partnershipId);
    expect(await ids('health=off_track')).not.toContain(partnershipId);
  });

  it('shows nothing of the partnership to a partner outside it, and gives an auditor nothing to act on', async () => {
    await eventually(
      async () => (await api.get<PartnershipList>('partnerships')).body,
      (found) => found.items.some((item) => item.partnershipId === partnershipId),
    );
    const outsider = ApiClient.signedInAs(demoAccounts.forumCsr.email);
    expect(
      (await outsider.get<PartnershipList>('partnerships')).body.items.map((item) => item.partnershipId),
    ).not.toContain(partnershipId);
    expect((await outsider.get<Inbox>('inbox')).body.items.map((item) => item.partnershipId)).not.toContain(
      partnershipId,
    );
    const auditor = ApiClient.signedInAs(demoAccounts.auditor.email);
    expect(
      (await auditor.get<PartnershipList>('partnerships')).body.items.map((item) => item.partnershipId),
    ).toContain(partnershipId);
    expect((await auditor.get<Inbox>('inbox')).body.items).toEqual([]);
  });

  it('refuses bad filters with field errors', async () => {
    const { status, body } = await api.get<ErrorBody>('partnerships?stage=closing&sdg=18');
    expect(status).toBe(400);
    expect(body.errors?.map((error) => error.field).sort()).toEqual(['sdg', 'stage']);
  });
});

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

function mouFields(
  parties: Array<{ organisationId: string; userId: string; name: string }>,
): AgreementFields {
  return {
    title: 'Nota Kesepahaman Kotak Masuk',
    place: 'Bandung',
    parties: parties.map((party, index) => ({
      organisationId: party.organisationId,
      name: party.name,
      sector: 'cso',
      role: index === 0 ? 'lead' : 'partner',
      representative: { userId: party.userId, name: `Wakil ${party.name}`, title: 'Ketua' },
      responsibilities: [`Menjalankan komponen ${party.name}`],
      contributions: [],
    })),
    background: 'Angka stunting di Kota Bandung masih tinggi.',
    purpose: 'Menurunkan prevalensi stunting balita.',
    scope: ['Kelas gizi di posyandu'],
    sdgTargets: ['2.2'],
    governance: { body: 'Sekretariat KMP', decisionRule: 'consensus', meetingFrequency: 'monthly' },
    communication: 'Rapat koordinasi bulanan.',
    funding: { mechanism: 'common_fund' },
    reporting: { frequency: 'quarterly' },
    startDate: '2026-10-01',
    durationMonths: 12,
  };
}

describe("the coordinator's inbox: everything that awaits the partnership's coordinators", () => {
  const admin = new ApiClient();
  const coordinator = ApiClient.signedInAs(demoAccounts.coordinator.email);
  const forum = ApiClient.signedInAs(demoAccounts.forumCsr.email);
  const lpm = ApiClient.signedInAs(demoAccounts.lpmCibangkong.email);
  const run = randomBytes(3).toString('hex');
  let busyId = '';
  let readyId = '';
  let forumOrganisationId = '';
  let requestSequence = 0;
  let agreement: Agreement;
  // A party of the MoU is a registered organisation: the inbox names it, and a screen looks its name up.
  let posyandu: Organisation;

  const ok = async <T>(response: Promise<{ status: number; body: T }>, what: string): Promise<T> => {
    const { status, body } = await response;
    if (status >= 300) throw new Error(`${what}: ${status} ${JSON.stringify(body)}`);
    return body;
  };
  const stateOf = (id: string) =>
    coordinator.get<LifecycleState>(`partnerships/${id}`).then((response) => response.body);

  /** A partnership whose Initiation gate is ready: a waiver, SDG targets and a baseline, then every task and question. */
  async function readyGate(): Promise<string> {
    const id = (
      await ok(
        coordinator.post<LifecycleState>('partnerships', { name: `Kemitraan Gerbang Siap ${run}` }),
        'starting',
      )
    ).partnershipId;
    const decide = (client: ApiClient, kind: string, body: object) =>
      ok(client.post(`partnerships/${id}/decisions/${kind}`, body), kind);
    await decide(coordinator, 'addPartner', { organisationId: forumOrganisationId, role: 'partner' });
    await decide(coordinator, 'waiveInclusiveness', {
      reason: 'Belum ada organisasi perempuan di kelurahan ini.',
    });
    const monitoring = `monitoring/partnerships/${id}`;
    await ok(coordinator.post(`${monitoring}/sdg-targets`, { targets: ['2.2'] }), 'choosing SDG targets');
    const indicator = await ok(
      coordinator.post<PartnershipIndicator>(`${monitoring}/indicators`, {
        name: 'Balita ditimbang',
        sdg: { kind: 'target', code: '2.2' },
        unit: 'anak',
        direction: 'higher_is_better',
        accumulation: 'per_period',
      }),
      'an indicator',
    );
    await ok(
      coordinator.post(`${monitoring}/indicators/${indicator.id}/baseline`, {
        value: 100,
        date: '2026-01-05',
      }),
      'the baseline',
    );
    await eventually(
      () => stateOf(id),
      (state) => state.facts.sdgTargetsChosen && state.facts.baselineFixed,
    );
    for (const task of stageTasks('initiation')) {
      await decide(task.owner === 'coordinator' ? coordinator : forum, 'completeTask', {
        taskId: task.id,
        evidence: [{ label: 'Notulen rapat' }],
      });
    }
    for (const question of stageDefinition('initiation').questions) {
      await decide(coordinator, 'answerQuestion', {
        questionId: question.id,
        answer: 'Ya, disepakati bersama.',
      });
    }
    return id;
  }

  beforeAll(async () => {
    forumOrganisationId = (await forum.user()).organisationId!;
    posyandu = await ok(
      admin.post<Organisation>('organisations', { name: `Yayasan Posyandu Sehat ${run}`, sector: 'cso', region: { province: 'Jawa Barat' } }),
      'the posyandu',
    );
    const lead = await ok(
      admin.get<Organisation>(`organisations/${(await coordinator.user()).organisationId}`),
      'the lead',
    );
    busyId = (
      await ok(
        coordinator.post<LifecycleState>('partnerships', {
          name: `Kemitraan Serba Menunggu ${run}`,
          leadOrganisationId: lead.id,
        }),
        'starting',
      )
    ).partnershipId;

    const monitoring = `monitoring/partnerships/${busyId}`;
    const indicator = await ok(
      admin.post<PartnershipIndicator>(`${monitoring}/indicators`, {
        name: 'Balita ditimbang',
        sdg: { kind: 'target', code: '2.2' },
        unit: 'anak',
        direction: 'higher_is_better',
        accumulation: 'per_period',
      }),
      'an indicator',
    );
    await ok(
      admin.post(`${monitoring}/reports`, {
        periodNumber: 1,
        organisationId: forumOrganisationId,
        values: [{ indicatorId: indicator.id, value: 80 }],
        narrative: 'Penimbangan di 3 posyandu.',
      }),
      'a report',
    );

    const funding = `partnerships/${busyId}/funding`;
    await ok(
      admin.post(`${funding}/plan`, {
        mechanism: 'common_fund',
        fundHolderOrganisationId: forumOrganisationId,
        lines: [
          {
            id: 'gizi',
            activity: 'Kelas gizi balita',
            amount: 50_000_000,
            year: 2026,
            sdgTargets: ['2.2'],
            responsibleOrganisationId: forumOrganisationId,
            source: { kind: 'csr', field: 'kesehatan' },
          },
        ],
      }),
      'the funding plan',
    );
    const commitment = await ok(
      admin.post<LedgerEntry>(`${funding}/commitments`, {
        organisationId: forumOrganisationId,
        contribution: { kind: 'cash', amount: 50_000_000 },
        schedule: [{ dueOn: '2026-02-01', amount: 50_000_000 }],
      }),
      'a commitment',
    );
    await ok(
      admin.post(`${funding}/receipts`, {
        commitment: commitment.sequence,
        amount: 50_000_000,
        receivedOn: '2026-02-05',
        reference: 'TRF-GIZI-1',
      }),
      'a receipt',
    );
    requestSequence = (
      await ok(
        admin.post<LedgerEntry>(`${funding}/disbursements`, {
          lineId: 'gizi',
          amount: 10_000_000,
          purpose: 'Makanan tambahan',
          requestingOrganisationId: forumOrganisationId,
          receivingOrganisationId: forumOrganisationId,
        }),
        'a disbursement request',
      )
    ).sequence;

    const parties = [
      { organisationId: lead.id, userId: (await coordinator.user()).id, name: lead.name },
      { organisationId: posyandu.id, userId: `signer-${run}`, name: posyandu.name },
    ];
    agreement = await ok(
      admin.post<Agreement>('agreements', { kind: 'mou', partnershipId: busyId, fields: mouFields(parties) }),
      'an MoU draft',
    );
    await ok(
      admin.post(`agreements/${agreement.id}/signing-rounds`, {
        versionNumber: 1,
        mode: 'ordered',
        expiresAt: inDays(20),
        dueAt: inDays(10),
      }),
      'opening signing',
    );

    readyId = await readyGate();
  }, 180_000);

  it('lists open tasks, the ready gate, the report, the disbursement and the signatures, each with its organisation and page, by due date', async () => {
    const kinds = (inbox: Inbox, id: string) =>
      inbox.items.filter((item) => item.partnershipId === id).map((item) => item.kind);
    const inbox = await eventually(
      async () => (await coordinator.get<Inbox>('inbox')).body,
      (found) => kinds(found, busyId).length >= 5 && kinds(found, readyId).includes('gate_approval'),
      30_000,
    );
    const of = (id: string, kind: InboxItem['kind']) =>
      inbox.items.filter((item) => item.partnershipId === id && item.kind === kind);
    const lead = (await coordinator.user()).organisationId;
    expect(of(busyId, 'tasks_open')).toEqual([
      expect.objectContaining({
        count: 10,
        subject: 'initiation',
        organisationId: lead,
        link: `/partnerships/${busyId}#tasks`,
      }),
    ]);
    expect(of(busyId, 'tasks_open')[0].dueAt).toBeUndefined();
    expect(of(busyId, 'report_review')).toEqual([
      expect.objectContaining({
        subject: '1',
        organisationId: forumOrganisationId,
        link: `/partnerships/${busyId}/reports?view=reports`,
      }),
    ]);
    expect(of(busyId, 'disbursement_approval')).toEqual([
      expect.objectContaining({
        subject: String(requestSequence),
        organisationId: forumOrganisationId,
        link: `/partnerships/${busyId}/funding?view=movements`,
        dueAt: expect.any(String),
      }),
    ]);
    expect(of(busyId, 'signature_due')).toEqual([
      expect.objectContaining({
        subject: 'Nota Kesepahaman Kotak Masuk',
        organisationId: lead,
        link: `/agreements/${agreement.id}`,
      }),
    ]);
    expect(of(busyId, 'signature_pending')).toEqual([
      expect.objectContaining({
        organisationId: posyandu.id,
        link: `/agreements/${agreement.id}`,
      }),
    ]);
    expect(of(readyId, 'gate_approval')).toEqual([
      expect.objectContaining({
        subject: 'initiation',
        link: `/partnerships/${readyId}#gate`,
        overdue: false,
      }),
    ]);
    expect(of(readyId, 'tasks_open')).toEqual([]);

    const order = inbox.items.map((item) => item.dueAt ?? '~');
    expect(order).toEqual([...order].sort());
    expect(inbox.unavailable).toEqual([]);
  });

  it('shows a partner nothing of a partnership it is not in, and an outsider nothing of either', async () => {
    await eventually(
      async () => (await coordinator.get<Inbox>('inbox')).body,
      (found) => found.items.some((item) => item.partnershipId === readyId && item.kind === 'gate_approval'),
    );
    const forumItems = (await forum.get<Inbox>('inbox')).body.items;
    expect(forumItems.filter((item) => item.partnershipId === busyId)).toEqual([]);
    expect(forumItems.filter((item) => item.partnershipId === readyId)).toEqual([]);
    const lpmIds = (await lpm.get<Inbox>('inbox')).body.items.map((item) => item.partnershipId);
    expect(lpmIds).not.toContain(busyId);
    expect(lpmIds).not.toContain(readyId);
  });
});

describe('the inbox projection: pages that cut nothing', () => {
  const admin = new ApiClient();
  const run = randomBytes(3).toString('hex');
  const ids: string[] = [];

  /** Every page of a paged read, following `nextCursor`; each page's total must agree. */
  async function everyPage<T>(path: string, limit: number): Promise<{ items: T[]; total: number }> {
    const items: T[] = [];
    let total = -1;
    for (let cursor: string | undefined; ;) {
      const separator = path.includes('?') ? '&' : '?';
      const { status, body } = await admin.get<{ items: T[]; total: number; nextCursor?: string }>(
        `${path}${separator}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(status).toBe(200);
      total = body.total;
      items.push(...body.items);
      if (!body.nextCursor) return { items, total };
      cursor = body.nextCursor;
    }
  }

  beforeAll(async () => {
    for (let index = 0; index < 3; index++) {
      ids.push(
        (await admin.post<LifecycleState>('partnerships', { name: `Kemitraan Halaman ${run} ${index}` })).body
          .partnershipId,
      );
    }
    const oldest = `monitoring/partnerships/${ids[0]}`;
    const indicator = await admin.post<PartnershipIndicator>(`${oldest}/indicators`, {
      name: 'Balita ditimbang',
      sdg: { kind: 'target', code: '2.2' },
      unit: 'anak',
      direction: 'higher_is_better',
      accumulation: 'per_period',
    });
    expect(
      (
        await admin.post(`${oldest}/reports`, {
          periodNumber: 1,
          organisationId: 'org-halaman',
          values: [{ indicatorId: indicator.body.id, value: 5 }],
          narrative: 'Laporan lama.',
        })
      ).status,
    ).toBe(201);
  }, 120_000);

  it("keeps an old partnership's pending report reachable through more pages than one, and counts every item", async () => {
    const found = await eventually(
      () => everyPage<InboxItem>('inbox', 7),
      // Other partnerships' events land meanwhile (timers, other suites): a read between two of them is retried.
      (inbox) =>
        inbox.items.some((item) => item.partnershipId === ids[0] && item.kind === 'report_review') &&
        inbox.items.length === inbox.total,
      30_000,
    );
    expect(found.total).toBeGreaterThan(7);
    expect(found.items).toHaveLength(found.total);
    expect(
      found.items.filter((item) => item.partnershipId === ids[0] && item.kind === 'report_review'),
    ).toHaveLength(1);
  });

  it('lists every partnership across pages with the total, and filters by stage from the projection', async () => {
    const listed = await eventually(
      () => everyPage<PartnershipList['items'][number]>('partnerships', 2),
      // The projection applies each partnership's events after the command answered.
      (list) =>
        ids.every((id) => list.items.some((item) => item.partnershipId === id)) &&
        list.items.length === list.total,
      30_000,
    );
    expect(listed.items).toHaveLength(listed.total);
    expect(new Set(listed.items.map((item) => item.partnershipId)).size).toBe(listed.total);
    const initiation = await everyPage<PartnershipList['items'][number]>('partnerships?stage=initiation', 50);
    expect(initiation.items).toHaveLength(initiation.total);
    expect(initiation.items.map((item) => item.partnershipId)).toEqual(expect.arrayContaining(ids));
  });

  it("gives an auditor the partnerships by latest change, each with its last verification's result", async () => {
    const auditor = ApiClient.signedInAs(demoAccounts.auditor.email);
    const verification = await auditor.get<ChainVerification>(`audit/partnerships/${ids[1]}/verify`);
    expect(verification.status).toBe(200);
    const recent = await eventually(
      async () => (await auditor.get<RecentPartnerships>('inbox/recent?limit=100')).body,
      (page) => ids.every((id) => page.items.some((item) => item.partnershipId === id)),
      30_000,
    );
    const changedAt = recent.items.map((item) => item.changedAt);
    expect(changedAt).toEqual([...changedAt].sort().reverse());
    expect(recent.items.find((item) => item.partnershipId === ids[1])?.lastVerification).toEqual({
      intact: verification.body.intact,
      at: verification.body.verifiedAt,
    });
    expect(recent.items.find((item) => item.partnershipId === ids[2])?.lastVerification).toBeUndefined();
    expect((await ApiClient.signedInAs(demoAccounts.forumCsr.email).get('inbox/recent')).status).toBe(403);
  });

  it('refuses a page larger than the largest', async () => {
    expect((await admin.get('inbox?limit=1000')).status).toBe(400);
  });
});

describe("the inbox projection: a partner sees only its own organisation's items", () => {
  const coordinator = ApiClient.signedInAs(demoAccounts.coordinator.email);
  const forum = ApiClient.signedInAs(demoAccounts.forumCsr.email);
  const lpm = ApiClient.signedInAs(demoAccounts.lpmCibangkong.email);
  let partnershipId = '';
  let agreementId = '';
  let forumOrganisationId = '';
  let lpmOrganisationId = '';

  beforeAll(async () => {
    forumOrganisationId = (await forum.user()).organisationId!;
    lpmOrganisationId = (await lpm.user()).organisationId!;
    partnershipId = (
      await coordinator.post<LifecycleState>('partnerships', {
        name: `Kemitraan Dua Mitra ${randomBytes(3).toString('hex')}`,
      })
    ).body.partnershipId;
    for (const organisationId of [forumOrganisationId, lpmOrganisationId]) {
      expect(
        (
          await coordinator.post(`partnerships/${partnershipId}/decisions/addPartner`, {
            organisationId,
            role: 'partner',
          })
        ).status,
      ).toBeLessThan(300);
    }
    const parties = [
      {
        organisationId: forumOrganisationId,
        userId: (await forum.user()).id,
        name: 'Forum CSR Kota Bandung',
      },
      { organisationId: lpmOrganisationId, userId: (await lpm.user()).id, name: 'LPM Kelurahan Cibangkong' },
    ];
    const admin = new ApiClient();
    agreementId = (
      await admin.post<Agreement>('agreements', { kind: 'mou', partnershipId, fields: mouFields(parties) })
    ).body.id;
    const opened = await admin.post(`agreements/${agreementId}/signing-rounds`, {
      versionNumber: 1,
      mode: 'parallel',
      expiresAt: inDays(20),
      dueAt: inDays(10),
    });
    expect(opened.status).toBe(201);
  }, 120_000);

  it('asks each partner for its own signature and shows neither the other’s', async () => {
    const signaturesOf = async (client: ApiClient) =>
      (await client.get<Inbox>('inbox?limit=100')).body.items.filter(
        (item) => item.partnershipId === partnershipId && item.link === `/agreements/${agreementId}`,
      );
    const forumItems = await eventually(
      () => signaturesOf(forum),
      (items) => items.length > 0,
      30_000,
    );
    expect(forumItems).toEqual([
      expect.objectContaining({ kind: 'signature_due', organisationId: forumOrganisationId }),
    ]);
    expect(await signaturesOf(lpm)).toEqual([
      expect.objectContaining({ kind: 'signature_due', organisationId: lpmOrganisationId }),
    ]);
  });
});
