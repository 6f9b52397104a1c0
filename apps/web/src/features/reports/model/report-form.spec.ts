import {
  reportInputSchema,
  type MonitoringPlan,
  type PartnershipIndicator,
  type ProgressReport,
} from '@mitra/contracts';
import { submitReport, type MonitoringContext } from '@mitra/domain';
import {
  breakdownSum,
  breakdownTemplate,
  emptyBreakdownRow,
  emptyReportForm,
  formBreakdownMismatch,
  formFromReport,
  toReportInput,
  validateReportForm,
  type ReportFormValues,
} from './report-form';

function indicator(
  id: string,
  disaggregations: PartnershipIndicator['disaggregations'],
): PartnershipIndicator {
  return {
    id,
    name: `Indikator ${id}`,
    sdg: { kind: 'target', code: '6.1' },
    unit: 'rumah tangga',
    direction: 'higher_is_better',
    accumulation: 'cumulative',
    targets: [],
    disaggregations,
    definedAt: '2026-01-01T00:00:00.000Z',
    definedBy: 'coord',
  };
}

const households = indicator('households', []);
const people = indicator('people', ['disability', 'sex']);
const byRegion = indicator('by-region', ['region', 'sex']);
const indicators = [households, people, byRegion];

const organisationId = '64d000000000000000000001';
const plan: MonitoringPlan = { partnershipId: 'p-1', sdgTargets: ['6.1'], indicators, reports: [] };
const context: MonitoringContext = {
  actor: { userId: 'mitra-1', role: 'partner', organisationId },
  now: '2026-04-02T00:00:00.000Z',
  newId: () => 'r-1',
  sdgExists: () => true,
};

/** The oracle: the domain rule the monitoring service applies to what the form sends. */
const domainAccepts = (values: ReportFormValues) =>
  submitReport(plan, reportInputSchema.parse(toReportInput(values, indicators)), context).result;

function filled(): ReportFormValues {
  const form = emptyReportForm(indicators, 1);
  form.values[0].value = 120;
  form.values[1].value = 30;
  form.values[1].breakdown.forEach((row, index) => (row.value = [10, 5, 10, 5][index]));
  form.values[2].value = 8;
  form.values[2].breakdown = [
    { key: 'a', dimensions: { region: 'Cibangkong', sex: 'female' }, value: 5 },
    { key: 'b', dimensions: { region: 'Cibangkong', sex: 'male' }, value: 3 },
  ];
  form.narrative = 'Bank sampah berjalan di 8 RW.';
  form.evidenceLinks = ['https://drive.example.id/laporan-q1.pdf'];
  return form;
}

describe('breakdown rows', () => {
  it('offers every combination of the fixed disaggregations, in a stable order', () => {
    expect(breakdownTemplate(people).map((row) => row.dimensions)).toEqual([
      { sex: 'female', disability: 'with_disability' },
      { sex: 'female', disability: 'without_disability' },
      { sex: 'male', disability: 'with_disability' },
      { sex: 'male', disability: 'without_disability' },
    ]);
    expect(breakdownTemplate(byRegion).map((row) => row.dimensions)).toEqual([
      { sex: 'female', region: '' },
      { sex: 'male', region: '' },
    ]);
    expect(breakdownTemplate(households)).toEqual([]);
    expect(emptyBreakdownRow(byRegion).dimensions).toEqual({ sex: '', region: '' });
  });

  it('gives each row its own key', () => {
    const keys = [...breakdownTemplate(people), ...breakdownTemplate(people)].map((row) => row.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('sums the breakdown only when every value is given', () => {
    const form = filled();
    expect(breakdownSum(form.values[1])).toBe(30);
    form.values[1].breakdown[0].value = '';
    expect(breakdownSum(form.values[1])).toBeNull();
    expect(breakdownSum(form.values[0])).toBeNull();
  });
});

describe('validateReportForm', () => {
  it('accepts a complete report, and the domain accepts what it sends', () => {
    const form = filled();
    expect(validateReportForm(form, indicators)).toEqual({});
    const report = domainAccepts(form);
    expect(report.values.map((v) => [v.indicatorId, v.value, v.breakdown.length])).toEqual([
      ['households', 120, 0],
      ['people', 30, 4],
      ['by-region', 8, 2],
    ]);
  });

  it('leaves out indicators left blank, but refuses a report of nothing', () => {
    const form = filled();
    form.values[2].value = '';
    form.values[2].breakdown = form.values[2].breakdown.map((row) => ({ ...row, value: '' }));
    expect(validateReportForm(form, indicators)).toEqual({});
    expect(toReportInput(form, indicators).values.map((v) => v.indicatorId)).toEqual([
      'households',
      'people',
    ]);
    expect(domainAccepts(form).values).toHaveLength(2);

    const empty = emptyReportForm(indicators, 1);
    empty.narrative = 'Belum ada kegiatan.';
    expect(validateReportForm(empty, indicators)).toEqual({ values: 'nothingReported' });
  });

  it('names each missing disaggregation of each row, and a missing total', () => {
    const form = filled();
    form.values[2].breakdown[1].dimensions.region = ' ';
    form.values[2].breakdown[0].value = '';
    form.values[1].value = '';
    expect(validateReportForm(form, indicators)).toEqual({
      'values.1.value': 'required',
      'values.2.breakdown.1.dimensions.region': 'required',
      'values.2.breakdown.0.value': 'required',
    });
  });

  it('requires a breakdown for a disaggregated indicator, which the domain would refuse too', () => {
    const form = filled();
    form.values[1].breakdown = [];
    expect(validateReportForm(form, indicators)).toEqual({ 'values.1.breakdown': 'breakdownRequired' });
    expect(() => domainAccepts(form)).toThrow(
      expect.objectContaining({ errors: [expect.objectContaining({ field: 'report.values.1.breakdown' })] }),
    );
  });

  it('refuses a count whose breakdown does not add up to its total, as the domain does, and says the difference', () => {
    const form = filled();
    form.values[1].value = 125;
    expect(formBreakdownMismatch(people, form.values[1])).toEqual({ total: 125, sum: 30, difference: 95 });
    expect(validateReportForm(form, indicators)).toEqual({ 'values.1.breakdown': 'breakdownMismatch' });
    expect(() => domainAccepts(form)).toThrow(
      expect.objectContaining({ errors: [expect.objectContaining({ field: 'report.values.1.breakdown' })] }),
    );
  });

  it('never adds up a percentage’s groups', () => {
    const stunting = { ...people, unit: '%' };
    const form = filled();
    form.values[1].value = 24.5;
    expect(formBreakdownMismatch(stunting, form.values[1])).toBeNull();
    expect(validateReportForm(form, [households, stunting, byRegion])).toEqual({});
  });

  it('refuses a number its field refused (NaN) and a count that is not whole, never sending them', () => {
    const form = filled();
    form.values[0].value = Number.NaN;
    form.values[2].breakdown[0]!.value = Number.NaN;
    expect(validateReportForm(form, indicators)).toEqual({
      'values.0.value': 'numberInvalid',
      'values.2.breakdown.0.value': 'numberInvalid',
    });
    const fractional = filled();
    fractional.values[0].value = 12.5;
    expect(validateReportForm(fractional, indicators)).toEqual({ 'values.0.value': 'numberInvalid' });
  });

  it('refuses the same combination twice, whatever its case and spaces', () => {
    const form = filled();
    form.values[2].breakdown[1].dimensions = { region: ' cibangkong ', sex: 'female' };
    expect(validateReportForm(form, indicators)).toEqual({
      'values.2.breakdown.1.dimensions': 'breakdownDuplicate',
    });
  });

  it('checks the period, the narrative and the evidence links with the contract’s rules', () => {
    const form = filled();
    form.periodNumber = 0;
    form.narrative = '   ';
    expect(validateReportForm(form, indicators)).toEqual({
      periodNumber: 'periodInvalid',
      narrative: 'required',
    });

    const links = filled();
    links.evidenceLinks = ['https://ok.example.id/a', 'ftp://files.example.id/b', 'bukan tautan'];
    expect(validateReportForm(links, indicators)).toEqual({
      'evidenceLinks.1': 'linkInvalid',
      'evidenceLinks.2': 'linkInvalid',
    });
  });

  it('maps the contract’s errors back to the form row when earlier indicators were left blank', () => {
    const form = filled();
    form.values[0].value = '';
    form.values[2].breakdown[0].dimensions.region = 'x'.repeat(101);
    expect(validateReportForm(form, indicators)).toEqual({
      'values.2.breakdown.0.dimensions.region': 'invalid',
    });
    form.values[2].breakdown[0].dimensions.region = 'Cibangkong';
    form.values[2].value = Number.POSITIVE_INFINITY;
    expect(validateReportForm(form, indicators)).toEqual({ 'values.2.value': 'numberInvalid' });
  });
});

describe('formFromReport', () => {
  it('starts a revision from the returned report, keeping its values, breakdown, narrative and links', () => {
    const returned: ProgressReport = {
      ...domainAccepts(filled()),
      status: 'returned',
      returnReason: 'Rincian per wilayah belum lengkap.',
    };
    const form = formFromReport(indicators, returned);
    expect(validateReportForm(form, indicators)).toEqual({});
    expect(toReportInput(form, indicators)).toEqual(toReportInput(filled(), indicators));
  });

  it('keeps the template rows for an indicator the report did not cover', () => {
    const report = domainAccepts({ ...filled(), values: filled().values.slice(0, 1) });
    const form = formFromReport(indicators, { ...report, values: report.values.slice(0, 1) });
    expect(form.values[1]).toMatchObject({
      value: '',
      breakdown: breakdownTemplate(people).map((row) => ({ ...row, key: expect.any(String) })),
    });
  });
});
