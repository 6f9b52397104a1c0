import type { ErrorBody, Inbox, LifecycleState, PartnershipIndicator, PartnershipList } from '@mitra/contracts';
import { ApiClient, demoAccounts } from '@mitra/testing';

/** Temporal's visibility store is updated after the workflow task: poll until it shows. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('inbox and partnerships list: api → Temporal visibility → workflow and services', () => {
  const api = new ApiClient();
  let partnershipId = '';

  beforeAll(async () => {
    partnershipId = (await api.post<LifecycleState>('partnerships', { name: 'Kemitraan Gizi Kotak Masuk' })).body.partnershipId;
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
      (found) => found.items.some((item) => item.partnershipId === partnershipId),
    );
    const item = inbox.items.find((found) => found.partnershipId === partnershipId);
    expect(item).toMatchObject({ kind: 'report_review', partnershipName: 'Kemitraan Gizi Kotak Masuk', stage: 'initiation', subject: '1', overdue: false, link: `/partnerships/${partnershipId}/reports` });
    expect(Date.parse(item!.dueAt) - Date.now()).toBeGreaterThan(6 * 86_400_000);
    expect(inbox.items.map((found) => found.dueAt)).toEqual([...inbox.items.map((found) => found.dueAt)].sort());
    expect(inbox.unavailable).toEqual([]);
  });

  it('lists the partnership with its stage and SDG goals, and filters by stage and goal', async () => {
    const listed = await eventually(
      async () => (await api.get<PartnershipList>('partnerships?stage=initiation&sdg=3')).body,
      (found) => found.items.some((item) => item.partnershipId === partnershipId),
    );
    expect(listed.items.find((item) => item.partnershipId === partnershipId)).toMatchObject({ name: 'Kemitraan Gizi Kotak Masuk', stage: 'initiation', status: 'active', sdgGoals: [2, 3], health: 'on_track' });
    const ids = (query: string) => api.get<PartnershipList>(`partnerships?${query}`).then((response) => response.body.items.map((item) => item.partnershipId));
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
    expect((await outsider.get<PartnershipList>('partnerships')).body.items.map((item) => item.partnershipId)).not.toContain(partnershipId);
    expect((await outsider.get<Inbox>('inbox')).body.items.map((item) => item.partnershipId)).not.toContain(partnershipId);
    const auditor = ApiClient.signedInAs(demoAccounts.auditor.email);
    expect((await auditor.get<PartnershipList>('partnerships')).body.items.map((item) => item.partnershipId)).toContain(partnershipId);
    expect((await auditor.get<Inbox>('inbox')).body.items).toEqual([]);
  });

  it('refuses bad filters with field errors', async () => {
    const { status, body } = await api.get<ErrorBody>('partnerships?stage=closing&sdg=18');
    expect(status).toBe(400);
    expect(body.errors?.map((error) => error.field).sort()).toEqual(['sdg', 'stage']);
  });
});
