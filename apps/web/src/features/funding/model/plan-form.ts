import type {
  BlendedInstrument,
  CsrField,
  FundingMechanism,
  FundingPlan,
  FundingPlanInput,
  FundingSource,
  FundingSourceSpec,
  Sector,
} from '@mitra/contracts';
import { isBlank, rowKey, withinBody, type Blankable, type RequiredErrors } from './form-rows';

export interface ShareRow {
  key: string;
  organisationId: string;
  percent: Blankable<number>;
}

export interface CeilingRow {
  key: string;
  sector: Blankable<Sector>;
  maxPerOrganisationPerYear: Blankable<number>;
  cashAllowed: boolean;
}

export interface LineRow {
  key: string;
  id: string;
  activity: string;
  amount: Blankable<number>;
  year: Blankable<number>;
  /** SDG target codes as typed: `6.1, 6.2`. */
  sdgTargets: string;
  responsibleOrganisationId: string;
  source: Blankable<FundingSource>;
  /** For a CSR (TJSL) line: the company's field of activity. */
  csrField: Blankable<CsrField>;
  /** For a blended-finance line: the instrument. */
  instrument: Blankable<BlendedInstrument>;
}

export interface PlanFormValues {
  mechanism: FundingMechanism;
  fundHolderOrganisationId: string;
  shares: ShareRow[];
  /** Off: the mechanism's default rule (the service decides it). */
  customGovernance: boolean;
  approvalsRequired: Blankable<number>;
  distinctOrganisations: Blankable<number>;
  ceilings: CeilingRow[];
  lines: LineRow[];
}

export const emptyLine = (year: number): LineRow => ({
  key: rowKey(),
  id: '',
  activity: '',
  amount: '',
  year,
  sdgTargets: '',
  responsibleOrganisationId: '',
  source: '',
  csrField: '',
  instrument: '',
});

export const emptyShare = (): ShareRow => ({ key: rowKey(), organisationId: '', percent: '' });

export const emptyCeiling = (): CeilingRow => ({
  key: rowKey(),
  sector: '',
  maxPerOrganisationPerYear: '',
  cashAllowed: false,
});

export function emptyPlanForm(year: number): PlanFormValues {
  return {
    mechanism: 'separate',
    fundHolderOrganisationId: '',
    shares: [],
    customGovernance: false,
    approvalsRequired: '',
    distinctOrganisations: '',
    ceilings: [],
    lines: [emptyLine(year)],
  };
}

/** The plan in force as the starting point of its next version. */
export function planFormFrom(plan: FundingPlan): PlanFormValues {
  return {
    mechanism: plan.mechanism,
    fundHolderOrganisationId: plan.fundHolderOrganisationId ?? '',
    shares: (plan.shares ?? []).map((share) => ({ key: rowKey(), ...share })),
    customGovernance: true,
    approvalsRequired: plan.governance.approvalsRequired,
    distinctOrganisations: plan.governance.distinctOrganisations,
    ceilings: plan.ceilings.map((ceiling) => ({ key: rowKey(), ...ceiling })),
    lines: plan.lines.map((line) => ({
      key: rowKey(),
      id: line.id,
      activity: line.activity,
      amount: line.amount,
      year: line.year,
      sdgTargets: line.sdgTargets.join(', '),
      responsibleOrganisationId: line.responsibleOrganisationId,
      source: line.source.kind,
      csrField: line.source.kind === 'csr' ? line.source.field : '',
      instrument: line.source.kind === 'blended' ? line.source.instrument : '',
    })),
  };
}

/** `6.1, 6.2 11.6` → ['6.1', '6.2', '11.6']. */
export const parseTargets = (text: string) => text.split(/[\s,;]+/).filter(Boolean);

function sourceOf(line: LineRow): FundingSourceSpec {
  const kind = line.source as FundingSource;
  switch (kind) {
    case 'csr':
      return { kind, field: line.csrField as CsrField };
    case 'blended':
      return { kind, instrument: line.instrument as BlendedInstrument };
    case 'apbn':
    case 'apbd':
    case 'philanthropy':
    case 'donor':
      return { kind };
  }
}

/**
 * Fields left empty; what is filled in is the api's to judge (amounts, shares adding up to 100%,
 * ceilings, registered organisations), and its field errors come back under the same inputs.
 */
export function missingPlanFields(values: PlanFormValues): RequiredErrors {
  const errors: RequiredErrors = {};
  const need = (path: string, value: unknown) => {
    if (isBlank(value)) errors[path] = 'required';
  };
  if (values.mechanism === 'common_fund') need('fundHolderOrganisationId', values.fundHolderOrganisationId);
  if (values.mechanism === 'co_funding') {
    if (values.shares.length === 0) errors.shares = 'required';
    values.shares.forEach((share, i) => {
      need(`shares.${i}.organisationId`, share.organisationId);
      need(`shares.${i}.percent`, share.percent);
    });
  }
  if (values.customGovernance) {
    need('approvalsRequired', values.approvalsRequired);
    need('distinctOrganisations', values.distinctOrganisations);
  }
  values.ceilings.forEach((ceiling, i) => {
    need(`ceilings.${i}.sector`, ceiling.sector);
    need(`ceilings.${i}.maxPerOrganisationPerYear`, ceiling.maxPerOrganisationPerYear);
  });
  if (values.lines.length === 0) errors.lines = 'required';
  values.lines.forEach((line, i) => {
    for (const field of [
      'id',
      'activity',
      'amount',
      'year',
      'sdgTargets',
      'responsibleOrganisationId',
      'source',
    ] as const)
      need(`lines.${i}.${field}`, line[field]);
    if (line.source === 'csr') need(`lines.${i}.csrField`, line.csrField);
    if (line.source === 'blended') need(`lines.${i}.instrument`, line.instrument);
  });
  return errors;
}

/** What `POST …/funding/plan` receives; call once `missingPlanFields` found nothing. */
export function toPlanInput(values: PlanFormValues): FundingPlanInput {
  return {
    mechanism: values.mechanism,
    ...(values.mechanism === 'common_fund'
      ? { fundHolderOrganisationId: values.fundHolderOrganisationId }
      : {}),
    ...(values.mechanism === 'co_funding'
      ? {
          shares: values.shares.map((share) => ({
            organisationId: share.organisationId,
            percent: Number(share.percent),
          })),
        }
      : {}),
    ...(values.customGovernance
      ? {
          governance: {
            approvalsRequired: Number(values.approvalsRequired),
            distinctOrganisations: Number(values.distinctOrganisations),
          },
        }
      : {}),
    ceilings: values.ceilings.map((ceiling) => ({
      sector: ceiling.sector as Sector,
      maxPerOrganisationPerYear: Number(ceiling.maxPerOrganisationPerYear),
      cashAllowed: ceiling.cashAllowed,
    })),
    lines: values.lines.map((line) => ({
      id: line.id.trim(),
      activity: line.activity.trim(),
      amount: Number(line.amount),
      year: Number(line.year),
      sdgTargets: parseTargets(line.sdgTargets),
      responsibleOrganisationId: line.responsibleOrganisationId,
      source: sourceOf(line),
    })),
  };
}

const planInputs = [
  /^mechanism$/,
  /^fundHolderOrganisationId$/,
  /^shares$/,
  /^shares\.\d+\.(organisationId|percent)$/,
  /^approvalsRequired$/,
  /^distinctOrganisations$/,
  /^ceilings$/,
  /^ceilings\.\d+\.(sector|maxPerOrganisationPerYear)$/,
  /^lines$/,
  /^lines\.\d+\.(id|activity|amount|year|sdgTargets|responsibleOrganisationId|source|csrField|instrument)$/,
];

/** The plan form's input for a field the api refused (`plan.lines.0.source.field` → `lines.0.csrField`). */
export function planFormPath(apiField: string): string | undefined {
  const field = withinBody(apiField, 'plan');
  if (field === undefined) return undefined;
  const path = field
    .replace(/^(lines\.\d+)\.source\.field$/, '$1.csrField')
    .replace(/^(lines\.\d+)\.source\.instrument$/, '$1.instrument')
    .replace(/^(lines\.\d+)\.source(\.kind)?$/, '$1.source')
    .replace(/^(lines\.\d+\.sdgTargets)\.\d+$/, '$1')
    .replace(/^governance$/, 'approvalsRequired')
    .replace(/^governance\.(approvalsRequired|distinctOrganisations)$/, '$1');
  return planInputs.some((input) => input.test(path)) ? path : undefined;
}
