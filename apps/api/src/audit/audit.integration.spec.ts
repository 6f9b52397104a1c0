import type { ErrorBody, LifecycleState, PartnershipSnapshot, ReplayReport, SnapshotComparison } from '@mitra/contracts';
import { stageTasks } from '@mitra/domain';
import { ApiClient } from '@mitra/testing';

const jakartaDate = (offsetDays: number) => new Date(Date.now() + 7 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe('audit: replay and past states through the api, from the real Temporal history', () => {
  const api = new ApiClient();
  let partnershipId = '';
  const task = stageTasks('initiation').find((candidate) => candidate.owner === 'coordinator')!;

  beforeAll(async () => {
    partnershipId = (await api.post<LifecycleState>('partnerships', { name: 'Kemitraan Audit Gizi' })).body.partnershipId;
    expect((await api.post(`partnerships/${partnershipId}/decisions/completeTask`, { taskId: task.id, evidence: [{ label: 'Notulen rapat pembentukan', url: 'https://example.org/notulen.pdf' }] })).status).toBe(200);
    expect((await api.post(`partnerships/${partnershipId}/decisions/pause`, { reason: 'Menunggu pengesahan APBD perubahan.' })).status).toBe(200);
  });

  it('replays the history, agrees with the rules in force, and lists each decision with its actor, reason and evidence', async () => {
    const { status, body } = await api.get<ReplayReport>(`audit/partnerships/${partnershipId}/replay`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ partnershipId, agrees: true, divergences: [] });
    expect(body.runs).toEqual([expect.objectContaining({ deterministic: true })]);
    expect(body.timeline.map((entry) => [entry.kind, entry.stage, entry.reason ?? null, entry.evidence])).toEqual([
      ['completeTask', 'initiation', null, [{ label: 'Notulen rapat pembentukan', url: 'https://example.org/notulen.pdf' }]],
      ['pause', 'initiation', 'Menunggu pengesahan APBD perubahan.', []],
    ]);
    for (const entry of body.timeline) expect(entry.actor.userId).toBe((await api.user()).id);
  }, 120_000);

  it('shows the partnership as it stood on a date and what changed since', async () => {
    const today = (await api.get<PartnershipSnapshot>(`audit/partnerships/${partnershipId}/as-of?date=${jakartaDate(0)}`)).body;
    expect(today).toMatchObject({ existed: true, stage: 'initiation', status: 'paused', mou: null, funding: { committed: 0, received: 0, spent: 0 } });
    const before = (await api.get<PartnershipSnapshot>(`audit/partnerships/${partnershipId}/as-of?date=${jakartaDate(-1)}`)).body;
    expect(before).toMatchObject({ existed: false });
    const comparison = (await api.get<SnapshotComparison>(`audit/partnerships/${partnershipId}/compare?from=${jakartaDate(-1)}&to=${jakartaDate(0)}`)).body;
    expect(comparison.changes).toEqual(expect.arrayContaining([{ field: 'existed', before: false, after: true }, { field: 'status', before: null, after: 'paused' }]));
  });

  it('refuses a bad date with the field, and answers 404 for a partnership that does not exist', async () => {
    const bad = await api.get<ErrorBody>(`audit/partnerships/${partnershipId}/as-of?date=30-06-2026`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.map((error) => error.field)).toEqual(['date']);
    expect((await api.get(`audit/partnerships/0123456789abcdef0123/replay`)).status).toBe(404);
  });
});
