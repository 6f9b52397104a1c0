import {
  assessmentBodySchema,
  completeEvaluationBodySchema,
  openEvaluationBodySchema,
  type AgreementVersion,
  type Evaluation,
  type LifecycleState,
  type ProgressReport,
  type StakeholderMapView,
} from '@mitra/contracts';
import {
  completeEvaluation,
  emptyPlan,
  openEvaluation,
  submitAssessment,
  type MonitoringContext,
  type StakeholderSectors,
} from '@mitra/domain';
import {
  assessmentSummary,
  awaitingAssessment,
  emptyAssessmentForm,
  emptyCompletionForm,
  evaluationsOf,
  groupsLeftOut,
  panelCandidates,
  seatToAssess,
  stakeholderSectorsOf,
  toAssessmentInput,
  toCompletionInput,
  toOpenEvaluationInput,
  validateAssessmentForm,
  validateCompletionForm,
  validateOpenEvaluation,
  type AssessmentFormValues,
} from './evaluation';

const bappeda = 'org-bappeda';
const forum = 'org-forum';
const lpm = 'org-lpm';
const gone = 'org-gone';

function agreementWith(
  parties: { organisationId: string; userId: string; name: string; sector: 'business' | 'community' }[],
) {
  return {
    content: {
      fields: {
        parties: parties.map((party) => ({
          organisationId: party.organisationId,
          name: `Organisasi ${party.organisationId}`,
          sector: party.sector,
          role: 'partner',
          representative: { userId: party.userId, name: party.name, title: 'Ketua' },
          responsibilities: ['x'],
          contributions: [],
        })),
      },
    },
  } as unknown as AgreementVersion;
}

const state = {
  partners: [
    { organisationId: forum, role: 'lead', joinedAt: '' },
    { organisationId: lpm, role: 'partner', joinedAt: '' },
    { organisationId: gone, role: 'partner', joinedAt: '', withdrawnAt: '2026-05-01T00:00:00.000Z' },
  ],
  decisions: [
    { actor: { userId: 'coord', role: 'coordinator' } },
    { actor: { userId: 'u-gone', role: 'partner', organisationId: gone } },
  ],
  tasks: { '1.2': { by: 'u-lpm-2', organisationId: lpm, at: '', evidence: [] } },
} as unknown as LifecycleState;

describe('panel candidates', () => {
  it('are the coordinator, the agreements’ representatives and whoever acted for an active partner, once each', () => {
    const candidates = panelCandidates({
      self: { userId: 'coord', organisationId: bappeda, name: 'Rina Kurniasih' },
      agreements: [
        agreementWith([
          { organisationId: forum, userId: 'u-forum', name: 'Hendra Gunawan', sector: 'business' },
          { organisationId: lpm, userId: 'u-lpm', name: 'Asep Supriatna', sector: 'community' },
        ]),
        agreementWith([{ organisationId: forum, userId: 'u-forum', name: 'Hendra G.', sector: 'business' }]),
      ],
      reports: [{ submittedBy: 'u-lpm', organisationId: lpm } as ProgressReport],
      state,
    });
    expect(candidates).toEqual([
      { userId: 'coord', organisationId: bappeda, name: 'Rina Kurniasih', title: undefined },
      { userId: 'u-forum', organisationId: forum, name: 'Hendra Gunawan', title: 'Ketua' },
      { userId: 'u-lpm', organisationId: lpm, name: 'Asep Supriatna', title: 'Ketua' },
      { userId: 'u-lpm-2', organisationId: lpm, name: undefined, title: undefined },
    ]);
  });

  it('leave out an administrator without an organisation, and keep everyone while the state is unknown', () => {
    const candidates = panelCandidates({
      self: { userId: 'admin', name: 'Admin' },
      reports: [{ submittedBy: 'u-gone', organisationId: gone } as ProgressReport],
    });
    expect(candidates.map((candidate) => candidate.userId)).toEqual(['u-gone']);
  });

  it('include the accounts acting for an organisation before they appear in any record', () => {
    const candidates = panelCandidates({
      accounts: [
        { id: 'u-new', name: 'Siti Rahmawati', organisationId: gone },
        { id: 'u-coordinator', name: 'Koordinator tanpa organisasi' },
      ],
    });
    expect(candidates).toEqual([
      { userId: 'u-new', organisationId: gone, name: 'Siti Rahmawati', title: undefined },
    ]);
  });
});

const stakeholderMap = {
  map: {
    entries: [
      { organisationId: bappeda, sector: 'government_regency', role: 'lead' },
      { organisationId: forum, sector: 'business', role: 'partner' },
      { organisationId: lpm, sector: 'community', role: 'partner' },
      // A beneficiary has no seat on a panel, and its group is not one to cover.
      { organisationId: 'org-women', sector: 'cso', role: 'beneficiary' },
    ],
  },
} as unknown as StakeholderMapView;
const sectorsOnMap = stakeholderSectorsOf(stakeholderMap) as StakeholderSectors;

describe('stakeholder groups', () => {
  it("are the sectors of the partnership's stakeholder map, by organisation, of those acting in it", () => {
    expect([...sectorsOnMap]).toEqual([
      [bappeda, 'government_regency'],
      [forum, 'business'],
      [lpm, 'community'],
    ]);
    expect(stakeholderSectorsOf(null)).toBeUndefined();
  });

  it('are covered when a member of an organisation of each group sits on the panel', () => {
    expect(groupsLeftOut(sectorsOnMap, [{ userId: 'u-forum', organisationId: forum }])).toEqual([
      'government_regency',
      'community',
    ]);
    expect(
      groupsLeftOut(sectorsOnMap, [
        { userId: 'coord', organisationId: bappeda },
        { userId: 'u-forum', organisationId: forum },
        { userId: 'u-lpm', organisationId: lpm },
      ]),
    ).toEqual([]);
  });
});

const coordinatorContext = (now: string): MonitoringContext => ({
  actor: { userId: 'coord', role: 'coordinator', organisationId: bappeda },
  now,
  newId: () => 'e-1',
  sdgExists: () => true,
});
const partnerContext = (userId: string, organisationId: string, now: string): MonitoringContext => ({
  actor: { userId, role: 'partner', organisationId },
  now,
  newId: () => 'unused',
  sdgExists: () => true,
});

function scores(value: string): AssessmentFormValues {
  const form = emptyAssessmentForm();
  for (const principle of Object.keys(form.principles) as (keyof typeof form.principles)[])
    form.principles[principle] = value;
  return { ...form, results: value, comment: `Nilai ${value} untuk semua prinsip.` };
}

describe('the evaluation forms', () => {
  it('open an evaluation the domain accepts, covering the groups as the form showed', () => {
    const form = {
      title: ' Evaluasi tahun pertama ',
      panel: [
        { userId: 'coord', organisationId: bappeda },
        { userId: 'u-forum', organisationId: forum },
      ],
    };
    expect(validateOpenEvaluation(form)).toEqual({});
    const input = openEvaluationBodySchema.parse(toOpenEvaluationInput(form));
    expect(input.title).toBe('Evaluasi tahun pertama');
    const opened = openEvaluation(
      emptyPlan('p-1'),
      input,
      sectorsOnMap,
      coordinatorContext('2026-06-01T00:00:00.000Z'),
    );
    expect(groupsLeftOut(sectorsOnMap, form.panel)).toEqual(['community']);
    expect(opened.result.panelCoversAllGroups).toBe(false);
  });

  it('name what an evaluation needs before it opens', () => {
    expect(
      validateOpenEvaluation({ title: ' ', panel: [{ userId: 'u-forum', organisationId: forum }] }),
    ).toEqual({
      title: 'required',
    });
    expect(validateOpenEvaluation({ title: 'x', panel: [] })).toEqual({ panel: 'panelRequired' });
  });

  it('ask every principle and the results to be scored, with a comment', () => {
    const errors = validateAssessmentForm({ ...emptyAssessmentForm(), comment: '' });
    expect(Object.keys(errors).sort()).toEqual([
      'comment',
      'principles.accountable',
      'principles.beyond_business_as_usual',
      'principles.gender_responsive',
      'principles.inclusive',
      'principles.integrated',
      'principles.localised',
      'results',
    ]);
    expect(validateAssessmentForm(scores('4'))).toEqual({});
    expect(assessmentBodySchema.parse(toAssessmentInput(scores('4')))).toMatchObject({
      principles: { localised: 4, accountable: 4 },
      results: 4,
    });
  });

  it('complete with lessons and improvement actions the contract accepts', () => {
    const values = emptyCompletionForm();
    expect(validateCompletionForm(values)).toEqual({
      findings: 'required',
      'lessons.worked.0': 'required',
      'lessons.failed.0': 'required',
    });
    values.findings = 'Bank sampah berjalan di 8 RW.';
    values.lessons = { worked: ['Kader RW menggerakkan warga '], failed: [] };
    values.improvementActions = [
      { action: 'Perluas ke RW 09', ownerOrganisationId: lpm, dueDate: '2027-03-31' },
      { action: 'Laporkan rincian disabilitas', ownerOrganisationId: forum, dueDate: '' },
    ];
    expect(validateCompletionForm(values)).toEqual({});
    expect(completeEvaluationBodySchema.parse(toCompletionInput(values))).toEqual({
      findings: 'Bank sampah berjalan di 8 RW.',
      lessons: { worked: ['Kader RW menggerakkan warga'], failed: [] },
      improvementActions: [
        { action: 'Perluas ke RW 09', ownerOrganisationId: lpm, dueDate: '2027-03-31' },
        { action: 'Laporkan rincian disabilitas', ownerOrganisationId: forum },
      ],
    });
    values.improvementActions[1] = { action: '', ownerOrganisationId: '', dueDate: '2027-02-30' };
    expect(validateCompletionForm(values)).toEqual({
      'improvementActions.1.action': 'required',
      'improvementActions.1.ownerOrganisationId': 'required',
      'improvementActions.1.dueDate': 'dateInvalid',
    });
  });
});

describe('an evaluation as it runs', () => {
  const input = openEvaluationBodySchema.parse({
    title: 'Evaluasi tahun pertama',
    panel: [
      { userId: 'coord', organisationId: bappeda },
      { userId: 'u-forum', organisationId: forum },
      { userId: 'u-lpm', organisationId: lpm },
    ],
  });
  let plan = openEvaluation(
    emptyPlan('p-1'),
    input,
    sectorsOnMap,
    coordinatorContext('2026-06-01T00:00:00.000Z'),
  ).plan;
  const evaluation = () => plan.evaluations![0];

  it('asks each member to assess once, then lets the coordinator complete it', () => {
    expect(awaitingAssessment(evaluation()).map((m) => m.userId)).toEqual(['coord', 'u-forum', 'u-lpm']);
    expect(seatToAssess(evaluation(), 'u-forum')).toMatchObject({ organisationId: forum, group: 'business' });
    expect(seatToAssess(evaluation(), 'someone-else')).toBeUndefined();
    expect(assessmentSummary(evaluation())).toMatchObject({ count: 0, results: null });

    for (const [userId, organisationId, score] of [
      ['coord', bappeda, '5'],
      ['u-forum', forum, '4'],
      ['u-lpm', lpm, '4'],
    ] as const) {
      const context =
        userId === 'coord'
          ? coordinatorContext('2026-06-02T00:00:00.000Z')
          : partnerContext(userId, organisationId, '2026-06-02T00:00:00.000Z');
      plan = submitAssessment(plan, 'e-1', toAssessmentInput(scores(score)), context).plan;
    }
    expect(seatToAssess(evaluation(), 'u-forum')).toBeUndefined();
    expect(awaitingAssessment(evaluation())).toEqual([]);
    const summary = assessmentSummary(evaluation());
    expect(summary.count).toBe(3);
    expect(summary.results).toBe(4.3);
    expect(summary.principles.gender_responsive).toBe(4.3);

    const completion = emptyCompletionForm();
    completion.findings = 'Tujuan tahun pertama tercapai.';
    completion.lessons = { worked: ['Rapat bulanan'], failed: ['Data disabilitas terlambat'] };
    plan = completeEvaluation(
      plan,
      'e-1',
      toCompletionInput(completion),
      coordinatorContext('2026-06-03T00:00:00.000Z'),
    ).plan;
    expect(seatToAssess(evaluation(), 'u-lpm')).toBeUndefined();
    expect(evaluation()).toMatchObject({ status: 'completed', panelCoversAllGroups: true });
  });

  it('lists evaluations newest first', () => {
    const older = { id: 'a', openedAt: '2026-01-01T00:00:00.000Z' } as Evaluation;
    const newer = { id: 'b', openedAt: '2026-07-01T00:00:00.000Z' } as Evaluation;
    expect(evaluationsOf([older, newer]).map((e) => e.id)).toEqual(['b', 'a']);
    expect(evaluationsOf(undefined)).toEqual([]);
  });
});
