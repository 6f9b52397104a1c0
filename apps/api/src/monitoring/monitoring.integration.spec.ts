import { randomBytes, randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { connect, JSONCodec, type NatsConnection } from 'nats';
import type { ClientProxy } from '@nestjs/microservices';
import { firstValueFrom } from 'rxjs';
import {
  ErrorCode,
  eventStreamName,
  MonitoringEventType,
  type Actor,
  type DomainEvent,
  type ErrorBody,
  type PlanProgress,
  type Evaluation,
  type IndicatorInput,
  type LifecycleState,
  type MonitoringPlan,
  type Organisation,
  type PartnershipIndicator,
  type ProgressReport,
  type SdgGoal,
  type SdgIndicator,
  type SdgTarget,
  type Sector,
  MonitoringContracts,
} from '@mitra/contracts';
import { natsConnectionOptions, signingNatsClientProxy } from '@mitra/platform';
import { ApiClient, systemEnv, testCallerConfig, vouchedBySubject, withinContract } from '@mitra/testing';

const indicator = (overrides: Partial<IndicatorInput> = {}): IndicatorInput => ({
  name: 'Prevalensi stunting balita',
  sdg: { kind: 'indicator', code: '2.2.1' },
  unit: '%',
  direction: 'lower_is_better',
  accumulation: 'per_period',
  targets: [{ periodNumber: 1, value: 22 }, { periodNumber: 2, value: 20 }],
  disaggregations: ['sex', 'region'],
  ...overrides,
});

const reportFor = (indicatorId: string, periodNumber = 1) => ({
  periodNumber,
  organisationId: 'org-puskesmas',
  values: [{ indicatorId, value: 24.5, breakdown: [{ dimensions: { sex: 'female', region: 'Kapuas Hulu' }, value: 23 }, { dimensions: { sex: 'male', region: 'Kapuas Hulu' }, value: 26 }] }],
  narrative: 'Kelas gizi berjalan di 12 posyandu.',
  evidenceLinks: ['https://example.org/laporan-q1.pdf'],
});

describe('monitoring: api → NATS → monitoring → database and JetStream', () => {
  const api = new ApiClient();
  let database: mongoose.Connection;
  let revisions: mongoose.Collection;
  let client: ClientProxy;
  let nats: NatsConnection;

  const send = async <T>(subject: string, payload: unknown): Promise<T> =>
    withinContract(subject, await firstValueFrom(client.send<T>(subject, payload)));
  const sendError = async (subject: string, payload: unknown): Promise<ErrorBody> => {
    try {
      await send(subject, payload);
    } catch (error) {
      return error as ErrorBody;
    }
    throw new Error('expected a refusal');
  };

  async function eventsOf(partnershipId: string, until: (events: DomainEvent[]) => boolean, timeoutMs = 10_000): Promise<DomainEvent[]> {
    const codec = JSONCodec<DomainEvent>();
    const deadline = Date.now() + timeoutMs;
    const found: DomainEvent[] = [];
    while (Date.now() < deadline) {
      found.length = 0;
      const consumer = await nats.jetstream().consumers.get(eventStreamName, { filterSubjects: ['events.monitoring.>'] });
      const messages = await consumer.fetch({ max_messages: 10_000, expires: 1000 });
      for await (const message of messages) {
        const event = codec.decode(message.data);
        if (event.partnershipId === partnershipId) found.push(event);
        if (message.info.pending === 0) break;
      }
      if (until(found)) return found;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return found;
  }

  beforeAll(async () => {
    database = await mongoose.createConnection(systemEnv().MONGO_URL, { dbName: 'mitra_monitoring' }).asPromise();
    revisions = database.collection('plan_changes');
    client = signingNatsClientProxy(testCallerConfig(), vouchedBySubject);
    nats = await connect(natsConnectionOptions(systemEnv()));
  });
  afterAll(async () => {
    await client.close();
    await database.close();
    await nats.close();
  });

  describe('the SDG catalogue', () => {
    it('lists the 17 goals with Indonesian and English names', async () => {
      const { status, body } = await api.get<SdgGoal[]>('sdg/goals');
      expect(status).toBe(200);
      expect(body).toHaveLength(17);
      expect(body.find((g) => g.code === '5')).toMatchObject({ nameId: 'Kesetaraan Gender', nameEn: 'Gender equality' });
    });

    it('is read without signing in, as the public annual report reads its titles', async () => {
      const anonymous = ApiClient.anonymous();
      expect((await anonymous.get<SdgGoal[]>('sdg/goals')).body).toHaveLength(17);
      const { status, body } = await anonymous.get<SdgIndicator[]>('sdg/indicators?target=6.1');
      expect(status).toBe(200);
      expect(body[0]).toMatchObject({ code: '6.1.1', titleId: expect.stringContaining('air minum') });
    });

    it('lists the 169 targets and narrows them by goal', async () => {
      expect((await api.get<SdgTarget[]>('sdg/targets')).body).toHaveLength(169);
      const goal1 = (await api.get<SdgTarget[]>('sdg/targets?goal=1')).body.map((t) => t.code);
      expect(goal1).toEqual(['1.1', '1.2', '1.3', '1.4', '1.5', '1.a', '1.b']);
    });

    it('searches indicators by target prefix and text in any case', async () => {
      const { body } = await api.get<SdgIndicator[]>('sdg/indicators?target=2.2&q=STUNTING');
      expect(body.map((i) => i.code)).toEqual(['2.2.1']);
    });

    it('searches Indonesian titles by default and English ones when asked, each entry titled in both', async () => {
      const { body } = await api.get<SdgIndicator[]>('sdg/indicators?q=air%20minum');
      expect(body.map((i) => i.code)).toEqual(['6.1.1']);
      expect(body[0]).toMatchObject({
        titleId: 'Proporsi penduduk yang menggunakan layanan air minum yang dikelola secara aman',
        titleEn: 'Proportion of population using safely managed drinking water services',
      });
      const english = await api.get<SdgIndicator[]>('sdg/indicators?q=drinking%20water&language=en');
      expect(english.body.map((i) => i.code)).toEqual(['6.1.1']);
      expect((await api.get<SdgTarget[]>('sdg/targets?goal=1&q=kemiskinan')).body.map((t) => t.code)).toContain('1.2');
    });

    it('refuses a search language it does not know with 400', async () => {
      const { status, body } = await api.get<ErrorBody>('sdg/targets?q=air&language=fr');
      expect(status).toBe(400);
      expect(body.errors?.[0]?.field).toBe('language');
    });

    it('refuses a malformed goal with 400', async () => {
      const { status, body } = await api.get<ErrorBody>('sdg/targets?goal=18');
      expect(status).toBe(400);
      expect(body.errors?.[0]?.field).toBe('goal');
    });
  });

  describe('a partnership plan and its reports', () => {
    const partnershipId = randomBytes(10).toString('hex');
    const base = `monitoring/partnerships/${partnershipId}`;
    let indicatorId = '';

    it('chooses SDG targets checked against the catalogue and emits monitoring.targets.chosen', async () => {
      const refused = await api.post<ErrorBody>(`${base}/sdg-targets`, { targets: ['2.2', '2.9'] });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([{ field: 'targets.1', reason: '2.9 is not an SDG target', code: 'monitoring.not_an_sdg_target', params: { code: '2.9' } }]);

      const chosen = await api.post<MonitoringPlan>(`${base}/sdg-targets`, { targets: ['2.2', '3.2'] });
      expect(chosen.status).toBe(201);
      expect(chosen.body.sdgTargets).toEqual(['2.2', '3.2']);
      const events = await eventsOf(partnershipId, (found) => found.some((e) => e.type === MonitoringEventType.TargetsChosen));
      expect(events.find((e) => e.type === MonitoringEventType.TargetsChosen)).toMatchObject({ partnershipId, data: { targets: ['2.2', '3.2'] } });
    });

    it('defines an indicator, fixes its baseline once and emits monitoring.baseline.fixed', async () => {
      const unknown = await api.post<ErrorBody>(`${base}/indicators`, indicator({ sdg: { kind: 'indicator', code: '2.2.9' } }));
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'indicator.sdg.code', code: 'monitoring.not_in_sdg_catalogue', params: { code: '2.2.9' } })]);
      const cumulativePercent = await api.post<ErrorBody>(`${base}/indicators`, indicator({ accumulation: 'cumulative', targets: [{ periodNumber: 1, value: 120 }] }));
      expect(cumulativePercent.body.errors).toEqual([
        expect.objectContaining({ field: 'indicator.targets.0.value', code: 'number.out_of_range', params: { min: 0, max: 100 } }),
        expect.objectContaining({ field: 'indicator.accumulation', code: 'monitoring.per_group_not_cumulative' }),
      ]);

      const defined = await api.post<PartnershipIndicator>(`${base}/indicators`, indicator());
      expect(defined.status).toBe(201);
      indicatorId = defined.body.id;

      const fixed = await api.post<PartnershipIndicator>(`${base}/indicators/${indicatorId}/baseline`, { value: 27.7, date: '2026-01-31' });
      expect(fixed.status).toBe(201);
      expect(fixed.body.baseline).toMatchObject({ value: 27.7, date: '2026-01-31', fixedBy: (await api.user()).id });
      const again = await api.post<ErrorBody>(`${base}/indicators/${indicatorId}/baseline`, { value: 20, date: '2026-01-31' });
      expect(again.status).toBe(409);

      const events = await eventsOf(partnershipId, (found) => found.some((e) => e.type === MonitoringEventType.BaselineFixed));
      expect(events.filter((e) => e.type === MonitoringEventType.BaselineFixed)).toEqual([expect.objectContaining({ partnershipId, data: { indicatorIds: [indicatorId] } })]);
    });

    it('gives one result for a repeated key and refuses the key reused for other input with 409', async () => {
      const key = `mon-${randomUUID()}`;
      const [first, second] = await Promise.all([
        api.post<PartnershipIndicator>(`${base}/indicators`, indicator({ name: 'Cakupan ASI eksklusif' }), key),
        api.post<PartnershipIndicator>(`${base}/indicators`, indicator({ name: 'Cakupan ASI eksklusif' }), key),
      ]);
      expect(first.body.id).toBe(second.body.id);
      const reused = await api.post<ErrorBody>(`${base}/indicators`, indicator({ name: 'Lain sama sekali' }), key);
      expect(reused.status).toBe(409);
      const plan = (await api.get<MonitoringPlan>(base)).body;
      expect(plan.indicators.filter((i) => i.name === 'Cakupan ASI eksklusif')).toHaveLength(1);
      expect(plan.indicators.some((i) => i.name === 'Lain sama sekali')).toBe(false);
    });

    it('refuses a report whose breakdown misses a required disaggregation, storing nothing', async () => {
      const before = await revisions.countDocuments({ aggregateId: partnershipId });
      const bad = reportFor(indicatorId);
      bad.values[0]!.breakdown = [{ dimensions: { sex: 'female' } as never, value: 1 }];
      const { status, body } = await api.post<ErrorBody>(`${base}/reports`, bad);
      expect(status).toBe(400);
      expect(body.errors).toEqual([expect.objectContaining({ field: 'report.values.0.breakdown.0.dimensions', reason: 'must give exactly region, sex', code: 'monitoring.breakdown_dimensions' })]);
      const outOfRange = reportFor(indicatorId);
      outOfRange.values[0]!.value = 150;
      expect((await api.post<ErrorBody>(`${base}/reports`, outOfRange)).body.errors).toEqual([
        { field: 'report.values.0.value', reason: 'must be between 0 and 100', code: 'number.out_of_range', params: { min: 0, max: 100 } },
      ]);
      expect(await revisions.countDocuments({ aggregateId: partnershipId })).toBe(before);
    });

    it('refuses a count whose breakdown does not add up, naming the sum, the value and the difference', async () => {
      const counting = `monitoring/partnerships/${randomBytes(10).toString('hex')}`;
      const counted = await api.post<PartnershipIndicator>(`${counting}/indicators`, indicator({ name: 'Balita ditimbang', unit: 'anak', targets: [], disaggregations: ['sex'] }));
      expect(counted.status).toBe(201);
      const breakdown = [{ dimensions: { sex: 'female' }, value: 100 }, { dimensions: { sex: 'male' }, value: 31 }];
      const { status, body } = await api.post<ErrorBody>(`${counting}/reports`, { ...reportFor(counted.body.id), values: [{ indicatorId: counted.body.id, value: 125, breakdown }] });
      expect(status).toBe(400);
      expect(body.errors).toEqual([
        { field: 'report.values.0.breakdown', reason: 'adds up to 131, not the value 125 (difference -6)', code: 'monitoring.breakdown_mismatch', params: { breakdownSum: 131, reported: 125, difference: -6 } },
      ]);
    });

    it('returns a report with a reason, approves the resubmission, locks it and keeps a late correction as a visible revision', async () => {
      const first = await api.post<ProgressReport>(`${base}/reports`, reportFor(indicatorId));
      expect(first.status).toBe(201);
      expect((await api.post<ErrorBody>(`${base}/reports/${first.body.id}/return`, { reason: 'kurang' })).status).toBe(400);
      const returned = await api.post<ProgressReport>(`${base}/reports/${first.body.id}/return`, { reason: 'Lampirkan daftar hadir kelas gizi.' });
      expect(returned.body).toMatchObject({ status: 'returned', returnReason: 'Lampirkan daftar hadir kelas gizi.' });

      const second = await api.post<ProgressReport>(`${base}/reports`, reportFor(indicatorId));
      expect(second.body).toMatchObject({ revision: 2, status: 'submitted' });
      const approved = await api.post<ProgressReport>(`${base}/reports/${second.body.id}/approve`, {});
      expect(approved.body.status).toBe('approved');
      expect((await api.post<ErrorBody>(`${base}/reports/${second.body.id}/return`, { reason: 'Terlambat dikembalikan.' })).status).toBe(409);

      const correction = await api.post<ProgressReport>(`${base}/reports`, reportFor(indicatorId));
      expect(correction.body).toMatchObject({ revision: 3, correctionOf: second.body.id, status: 'submitted' });
      const plan = (await api.get<MonitoringPlan>(base)).body;
      expect(plan.reports.map((r) => [r.revision, r.status])).toEqual([[1, 'returned'], [2, 'approved'], [3, 'submitted']]);

      const events = await eventsOf(partnershipId, (found) => found.some((e) => e.type === MonitoringEventType.ReportApproved) && found.filter((e) => e.type === MonitoringEventType.ReportSubmitted).length === 3);
      expect(events.filter((e) => e.type === MonitoringEventType.ReportSubmitted)).toHaveLength(3);
      expect(events.find((e) => e.type === MonitoringEventType.ReportApproved)).toMatchObject({ partnershipId, data: { periodNumber: 1 } });
      expect(await revisions.countDocuments({ aggregateId: partnershipId, published: false })).toBe(0);

      // Period 1 began a year ago: its report (submitted today) is late, periods 2 and 3 are missing.
      const startsOn = new Date(Date.now() - 366 * 86_400_000).toISOString().slice(0, 10);
      expect((await api.post(`${base}/schedule`, { startsOn, periodMonths: 3, graceDays: 30 })).status).toBe(201);
      const progress = (await api.get<PlanProgress>(`${base}/progress`)).body;
      expect(progress.indicators.find((p) => p.indicatorId === indicatorId)).toEqual({ indicatorId, baseline: 27.7, period: 1, current: 24.5, target: 22, progress: 0.5614 });
      expect(progress.punctuality).toMatchObject({ duePeriods: 3, onTime: 0, late: 1, missing: 2 });
      // Two periods in a row without a report: inactive, whatever the indicator says.
      expect(progress.health).toEqual({ status: 'inactive', reasons: [{ code: 'reports_missing', periods: [2, 3] }, { code: 'indicator_behind', indicatorId, progress: 0.5614 }] });
      expect(progress.disaggregation).toEqual({ required: 2, complete: 2, rate: 1 });
    });
  });

  describe('authorisation at the service', () => {
    const partnershipId = randomBytes(10).toString('hex');
    const coordinator: Actor = { userId: 'koordinator-1', role: 'coordinator' };
    const partner: Actor = { userId: 'wakil-a', role: 'partner', organisationId: 'org-a' };
    const auditor: Actor = { userId: 'auditor-1', role: 'auditor' };
    const key = () => `mon-${randomUUID()}`;
    let indicatorId = '';

    beforeAll(async () => {
      const defined = await send<PartnershipIndicator>(MonitoringContracts.DefineIndicator.subject, { idempotencyKey: key(), actor: coordinator, partnershipId, indicator: indicator({ disaggregations: [] }) });
      indicatorId = defined.id;
    });

    const report = (organisationId?: string) => ({ periodNumber: 1, ...(organisationId ? { organisationId } : {}), values: [{ indicatorId, value: 3 }], narrative: 'Laporan triwulan.' });

    it('lets a partner report only for its own organisation', async () => {
      expect((await sendError(MonitoringContracts.SubmitReport.subject, { idempotencyKey: key(), actor: partner, partnershipId, report: report('org-b') })).code).toBe(ErrorCode.Forbidden);
      const own = await send<ProgressReport>(MonitoringContracts.SubmitReport.subject, { idempotencyKey: key(), actor: partner, partnershipId, report: report() });
      expect(own.organisationId).toBe('org-a');
    });

    it('lets neither a partner nor an auditor approve, fix baselines or choose targets', async () => {
      const plan = await send<MonitoringPlan>(MonitoringContracts.GetPlan.subject, { actor: auditor, partnershipId });
      const reportId = plan.reports[0]!.id;
      for (const actor of [partner, auditor]) {
        expect((await sendError(MonitoringContracts.ApproveReport.subject, { idempotencyKey: key(), actor, partnershipId, reportId })).code).toBe(ErrorCode.Forbidden);
        expect((await sendError(MonitoringContracts.FixBaseline.subject, { idempotencyKey: key(), actor, partnershipId, indicatorId, value: 1, date: '2026-01-01' })).code).toBe(ErrorCode.Forbidden);
        expect((await sendError(MonitoringContracts.ChooseTargets.subject, { idempotencyKey: key(), actor, partnershipId, targets: ['1.1'] })).code).toBe(ErrorCode.Forbidden);
      }
      expect((await sendError(MonitoringContracts.SubmitReport.subject, { idempotencyKey: key(), actor: auditor, partnershipId, report: report('org-a') })).code).toBe(ErrorCode.Forbidden);
      expect((await send<MonitoringPlan>(MonitoringContracts.GetPlan.subject, { actor: auditor, partnershipId })).reports[0]?.status).toBe('submitted');
    });

    it('takes exactly one of three reports racing for the same period; the others get 409', async () => {
      const racer: Actor = { userId: 'wakil-c', role: 'partner', organisationId: 'org-c' };
      const results = await Promise.allSettled(
        [1, 2, 3].map(() => send<ProgressReport>(MonitoringContracts.SubmitReport.subject, { idempotencyKey: key(), actor: racer, partnershipId, report: { ...report(), periodNumber: 2 } })),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code)).toEqual([ErrorCode.Conflict, ErrorCode.Conflict]);
      const plan = await send<MonitoringPlan>(MonitoringContracts.GetPlan.subject, { actor: auditor, partnershipId });
      expect(plan.reports.filter((r) => r.organisationId === 'org-c' && r.periodNumber === 2)).toHaveLength(1);
    });

    it('refuses operator injection in ids and unknown fields', async () => {
      const injected = await sendError(MonitoringContracts.GetPlan.subject, { actor: auditor, partnershipId: { $ne: null } });
      expect(injected.code).toBe(ErrorCode.ValidationFailed);
      const extra = await sendError(MonitoringContracts.ApproveReport.subject, { idempotencyKey: key(), actor: coordinator, partnershipId, reportId: { $gt: '' } });
      expect(extra.code).toBe(ErrorCode.ValidationFailed);
      expect((await api.get<ErrorBody>('monitoring/partnerships/%24where')).status).toBe(400);
    });
  });

  describe('evaluations', () => {
    let partnershipId: string;
    let base: string;
    let government: Organisation;
    let community: Organisation;
    const key = () => `mon-${randomUUID()}`;
    const scores = { localised: 4, inclusive: 4, integrated: 3, gender_responsive: 3, beyond_business_as_usual: 2, accountable: 5 };
    let panel: Array<{ userId: string; organisationId: string }>;
    const completion = () => ({ findings: 'Prevalensi turun 3 poin.', lessons: { worked: ['kelas gizi'], failed: ['data desa terlambat'] }, improvementActions: [{ action: 'Percepat data desa', ownerOrganisationId: government.id, dueDate: '2027-03-31' }] });
    const registered = async (sector: Sector) => {
      const created = await api.post<Organisation>('organisations', { name: `Organisasi Uji ${randomUUID().slice(0, 8)}`, sector, region: { province: 'Jawa Barat', regency: 'Kota Bandung' } });
      expect(created.status).toBe(201);
      return created.body;
    };
    const startPartnership = async () => {
      const started = await api.post<LifecycleState>('partnerships', { name: `Kemitraan Uji ${randomUUID().slice(0, 8)}` });
      expect(started.status).toBe(201);
      return started.body.partnershipId;
    };
    const evaluationsOf = async (id: string) => (await send<MonitoringPlan>(MonitoringContracts.GetPlan.subject, { actor: { userId: 'auditor', role: 'auditor' }, partnershipId: id })).evaluations ?? [];

    beforeAll(async () => {
      government = await registered('government_regency');
      community = await registered('community');
      partnershipId = await startPartnership();
      base = `monitoring/partnerships/${partnershipId}`;
      const entries = [
        { organisationId: government.id, interest: 5, influence: 5, role: 'lead' },
        { organisationId: community.id, interest: 5, influence: 2, role: 'evaluator' },
      ];
      expect((await api.post(`partnerships/${partnershipId}/stakeholder-map/versions`, { basedOnVersion: 0, entries })).status).toBe(201);
      panel = [
        { userId: 'bappeda-1', organisationId: government.id },
        { userId: 'warga-1', organisationId: community.id },
      ];
    });

    it("stores a one-person government panel with the groups of the stakeholder map, not covering them all", async () => {
      const opened = await api.post<Evaluation>(`${base}/evaluations`, { title: 'Evaluasi pemerintah saja', panel: [panel[0]] });
      expect(opened.status).toBe(201);
      expect(opened.body).toMatchObject({
        stakeholderGroups: ['government_regency', 'community'],
        panel: [{ userId: 'bappeda-1', organisationId: government.id, group: 'government_regency' }],
        panelCoversAllGroups: false,
      });
      expect((await evaluationsOf(partnershipId)).find((e) => e.id === opened.body.id)).toMatchObject({ panelCoversAllGroups: false });
    });

    it("refuses a member whose organisation is not on the partnership's stakeholder map, and stores nothing", async () => {
      const outsider = await registered('business');
      const before = await revisions.countDocuments({ aggregateId: partnershipId });
      const { status, body } = await api.post<ErrorBody>(`${base}/evaluations`, { title: 'Evaluasi', panel: [...panel, { userId: 'csr-1', organisationId: outsider.id }] });
      expect(status).toBe(400);
      expect(body.errors).toEqual([
        expect.objectContaining({ field: 'evaluation.panel.2.organisationId', code: 'monitoring.panel_member_not_in_map', params: { organisationId: outsider.id } }),
      ]);
      expect(await revisions.countDocuments({ aggregateId: partnershipId })).toBe(before);
    });

    it('refuses to open an evaluation of a partnership without a stakeholder map, and stores nothing', async () => {
      const unmapped = await startPartnership();
      const { status, body } = await api.post<ErrorBody>(`monitoring/partnerships/${unmapped}/evaluations`, { title: 'Evaluasi', panel });
      expect(status).toBe(409);
      expect(body.refusal).toEqual({ code: 'monitoring.no_stakeholder_map' });
      expect(await revisions.countDocuments({ aggregateId: unmapped })).toBe(0);
    });

    it('completes an evaluation after every panel member assessed and emits monitoring.evaluation.completed', async () => {
      const opened = await api.post<Evaluation>(`${base}/evaluations`, { title: 'Evaluasi tahun pertama', panel });
      expect(opened.status).toBe(201);
      expect(opened.body.panel.map((m) => m.group)).toEqual(['government_regency', 'community']);
      expect(opened.body.panelCoversAllGroups).toBe(true);
      const evaluationId = opened.body.id;

      const outsider: Actor = { userId: 'orang-lain', role: 'partner', organisationId: community.id };
      const refused = await sendError(MonitoringContracts.SubmitAssessment.subject, { idempotencyKey: key(), actor: outsider, partnershipId, evaluationId, assessment: { principles: scores, results: 4, comment: 'Baik.' } });
      expect(refused.code).toBe(ErrorCode.Forbidden);
      expect((await api.post<ErrorBody>(`${base}/evaluations/${evaluationId}/complete`, completion())).status).toBe(409);

      for (const member of panel) {
        const actor: Actor = { userId: member.userId, role: 'partner', organisationId: member.organisationId };
        await send(MonitoringContracts.SubmitAssessment.subject, { idempotencyKey: key(), actor, partnershipId, evaluationId, assessment: { principles: scores, results: 4, comment: 'Sebagian besar tercapai.' } });
      }
      const completed = await api.post<Evaluation>(`${base}/evaluations/${evaluationId}/complete`, completion());
      expect(completed.status).toBe(201);
      expect(completed.body).toMatchObject({ status: 'completed', completion: { findings: completion().findings } });

      const events = await eventsOf(partnershipId, (found) => found.some((e) => e.type === MonitoringEventType.EvaluationCompleted));
      expect(events.find((e) => e.type === MonitoringEventType.EvaluationCompleted)).toMatchObject({ partnershipId, data: { evaluationId, panelCoversAllGroups: true } });
    });

    it('refuses typed stakeholder groups and an empty panel with field errors', async () => {
      const { status, body } = await api.post<ErrorBody>(`${base}/evaluations`, { title: 'Evaluasi', stakeholderGroups: ['community'], panel: [] });
      expect(status).toBe(400);
      expect(body.errors?.map((e) => e.field).sort()).toEqual(['evaluation.panel', 'evaluation.stakeholderGroups']);
    });
  });
});
