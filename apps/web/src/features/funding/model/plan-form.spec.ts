import { fundingPlanInputSchema, type FundingPlan } from '@mitra/contracts';
import {
  emptyLine,
  emptyPlanForm,
  emptyShare,
  missingPlanFields,
  parseTargets,
  planFormFrom,
  planFormPath,
  toPlanInput,
  type PlanFormValues,
} from './plan-form';

const city = '64f000000000000000000001';
const company = '64f000000000000000000002';
const cso = '64f000000000000000000006';

function filled(overrides: Partial<PlanFormValues> = {}): PlanFormValues {
  return {
    ...emptyPlanForm(2026),
    mechanism: 'common_fund',
    fundHolderOrganisationId: cso,
    lines: [
      {
        ...emptyLine(2026),
        id: 'air',
        activity: '  Sambungan air bersih  ',
        amount: 80_000_000,
        sdgTargets: '6.1, 6.2;11.1',
        responsibleOrganisationId: city,
        source: 'apbd',
      },
      {
        ...emptyLine(2027),
        id: 'jamban',
        activity: 'Jamban sehat',
        amount: 40_000_000,
        sdgTargets: '6.2',
        responsibleOrganisationId: company,
        source: 'csr',
        csrField: 'lingkungan',
      },
    ],
    ...overrides,
  };
}

describe('the funding plan form', () => {
  it('sends a common fund with its holder, each line with its source and SDG targets', () => {
    const input = toPlanInput(filled());
    expect(input).toEqual({
      mechanism: 'common_fund',
      fundHolderOrganisationId: cso,
      ceilings: [],
      lines: [
        {
          id: 'air',
          activity: 'Sambungan air bersih',
          amount: 80_000_000,
          year: 2026,
          sdgTargets: ['6.1', '6.2', '11.1'],
          responsibleOrganisationId: city,
          source: { kind: 'apbd' },
        },
        {
          id: 'jamban',
          activity: 'Jamban sehat',
          amount: 40_000_000,
          year: 2027,
          sdgTargets: ['6.2'],
          responsibleOrganisationId: company,
          source: { kind: 'csr', field: 'lingkungan' },
        },
      ],
    });
    expect(fundingPlanInputSchema.safeParse(input).success).toBe(true);
  });

  it('sends shares only for co-funding, a fund holder only for a common fund, and a blended instrument', () => {
    const values = filled({
      mechanism: 'co_funding',
      shares: [
        { ...emptyShare(), organisationId: city, percent: 60 },
        { ...emptyShare(), organisationId: company, percent: 40 },
      ],
    });
    values.lines[1] = { ...values.lines[1], source: 'blended', instrument: 'result_based_incentive' };
    const input = toPlanInput(values);
    expect(input.fundHolderOrganisationId).toBeUndefined();
    expect(input.shares).toEqual([
      { organisationId: city, percent: 60 },
      { organisationId: company, percent: 40 },
    ]);
    expect(input.lines[1].source).toEqual({ kind: 'blended', instrument: 'result_based_incentive' });
    expect(fundingPlanInputSchema.safeParse(input).success).toBe(true);

    expect(toPlanInput({ ...values, mechanism: 'separate' }).shares).toBeUndefined();
  });

  it('leaves the approval rule to the service unless the coordinator sets it, and sends ceilings', () => {
    expect(toPlanInput(filled()).governance).toBeUndefined();
    const input = toPlanInput(
      filled({
        customGovernance: true,
        approvalsRequired: 3,
        distinctOrganisations: 2,
        ceilings: [
          { key: 'c', sector: 'community', maxPerOrganisationPerYear: 100_000_000, cashAllowed: false },
        ],
      }),
    );
    expect(input.governance).toEqual({ approvalsRequired: 3, distinctOrganisations: 2 });
    expect(input.ceilings).toEqual([
      { sector: 'community', maxPerOrganisationPerYear: 100_000_000, cashAllowed: false },
    ]);
  });

  it('asks for what is left empty, by mechanism and source, and nothing more', () => {
    expect(missingPlanFields(filled())).toEqual({});
    const values = filled({ fundHolderOrganisationId: '', customGovernance: true });
    values.lines[1] = { ...values.lines[1], csrField: '', amount: '' };
    expect(missingPlanFields(values)).toEqual({
      fundHolderOrganisationId: 'required',
      approvalsRequired: 'required',
      distinctOrganisations: 'required',
      'lines.1.amount': 'required',
      'lines.1.csrField': 'required',
    });
    expect(missingPlanFields(filled({ mechanism: 'co_funding' }))).toEqual({ shares: 'required' });
    expect(missingPlanFields(filled({ lines: [] }))).toEqual({ lines: 'required' });
    // A bad amount is the api's to refuse, with its reason under the input.
    expect(missingPlanFields(filled({ lines: [{ ...filled().lines[0], amount: 0 }] }))).toEqual({});
  });

  it('starts the next version from the plan in force, which it sends back unchanged', () => {
    const settings = fundingPlanInputSchema.parse({
      ...toPlanInput(filled()),
      governance: { approvalsRequired: 2, distinctOrganisations: 2 },
    });
    const plan: FundingPlan = {
      ...settings,
      governance: settings.governance!,
      version: 3,
      organisationSectors: {},
    };
    expect(fundingPlanInputSchema.parse(toPlanInput(planFormFrom(plan)))).toEqual(settings);
  });

  it('puts the api’s field errors under the inputs they concern', () => {
    expect(planFormPath('plan.lines.0.amount')).toBe('lines.0.amount');
    expect(planFormPath('plan.lines.1.source.field')).toBe('lines.1.csrField');
    expect(planFormPath('plan.lines.1.source.instrument')).toBe('lines.1.instrument');
    expect(planFormPath('plan.lines.1.source')).toBe('lines.1.source');
    expect(planFormPath('plan.lines.0.sdgTargets.1')).toBe('lines.0.sdgTargets');
    expect(planFormPath('plan.governance.distinctOrganisations')).toBe('distinctOrganisations');
    expect(planFormPath('plan.shares')).toBe('shares');
    expect(planFormPath('plan.shares.1.percent')).toBe('shares.1.percent');
    expect(planFormPath('plan.fundHolderOrganisationId')).toBe('fundHolderOrganisationId');
    // Fields the form has no input for are listed apart.
    expect(planFormPath('plan.version')).toBeUndefined();
    expect(planFormPath('commitment.amount')).toBeUndefined();
  });

  it('reads SDG targets however they are separated', () => {
    expect(parseTargets(' 6.1,6.2 ; 11.a  ')).toEqual(['6.1', '6.2', '11.a']);
    expect(parseTargets('')).toEqual([]);
  });
});
