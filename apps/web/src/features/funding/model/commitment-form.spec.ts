import { commitmentInputSchema } from '@mitra/contracts';
import {
  commitmentFormPath,
  emptyCommitmentForm,
  emptyInstalment,
  missingCommitmentFields,
  scheduledAmount,
  toCommitmentInput,
  type CommitmentFormValues,
} from './commitment-form';

const forum = '64f000000000000000000002';

const cash = (overrides: Partial<CommitmentFormValues> = {}): CommitmentFormValues => ({
  ...emptyCommitmentForm(forum),
  amount: 300_000_000,
  schedule: [{ ...emptyInstalment(), dueOn: '2026-11-01' }],
  ...overrides,
});

describe('the commitment form', () => {
  it('starts on the partner’s own organisation', () => {
    expect(emptyCommitmentForm(forum).organisationId).toBe(forum);
    expect(emptyCommitmentForm().organisationId).toBe('');
  });

  it('takes a single instalment without an amount as the whole commitment', () => {
    const input = toCommitmentInput(cash());
    expect(input).toEqual({
      organisationId: forum,
      contribution: { kind: 'cash', amount: 300_000_000 },
      schedule: [{ dueOn: '2026-11-01', amount: 300_000_000 }],
    });
    expect(commitmentInputSchema.safeParse(input).success).toBe(true);
    expect(scheduledAmount(cash())).toBe(300_000_000);
  });

  it('sends instalments as given, with a results gate and a note', () => {
    const input = toCommitmentInput(
      cash({
        schedule: [
          { ...emptyInstalment(), dueOn: '2026-11-01', amount: 100_000_000 },
          { ...emptyInstalment(), dueOn: '2027-02-01', amount: 200_000_000, periodNumber: 2 },
        ],
        note: '  Dana TJSL 2026  ',
      }),
    );
    expect(input.schedule).toEqual([
      { dueOn: '2026-11-01', amount: 100_000_000 },
      { dueOn: '2027-02-01', amount: 200_000_000, resultsGate: { periodNumber: 2 } },
    ]);
    expect(input.note).toBe('Dana TJSL 2026');
    expect(commitmentInputSchema.safeParse(input).success).toBe(true);
  });

  it('sends an in-kind contribution with its description and estimated value', () => {
    const input = toCommitmentInput(
      cash({ kind: 'in_kind', amount: 50_000_000, description: 'Kader lingkungan RW' }),
    );
    expect(input.contribution).toEqual({
      kind: 'in_kind',
      description: 'Kader lingkungan RW',
      valueEstimate: 50_000_000,
    });
    expect(input.note).toBeUndefined();
  });

  it('asks for what is left empty; amounts themselves are the api’s to judge', () => {
    expect(missingCommitmentFields(cash())).toEqual({});
    expect(missingCommitmentFields(cash({ amount: 0 }))).toEqual({});
    expect(missingCommitmentFields(emptyCommitmentForm())).toEqual({
      organisationId: 'required',
      amount: 'required',
      'schedule.0.dueOn': 'required',
      'schedule.0.amount': 'required',
    });
    expect(
      missingCommitmentFields(
        cash({
          kind: 'in_kind',
          schedule: [emptyInstalment(), { ...emptyInstalment(), dueOn: '2026-12-01' }],
        }),
      ),
    ).toEqual({
      description: 'required',
      'schedule.0.dueOn': 'required',
      'schedule.0.amount': 'required',
      'schedule.1.amount': 'required',
    });
    expect(missingCommitmentFields(cash({ schedule: [] }))).toEqual({ schedule: 'required' });
  });

  it('puts the api’s field errors under the inputs they concern', () => {
    expect(commitmentFormPath('commitment.contribution.amount')).toBe('amount');
    expect(commitmentFormPath('commitment.contribution.valueEstimate')).toBe('amount');
    expect(commitmentFormPath('commitment.contribution.description')).toBe('description');
    expect(commitmentFormPath('commitment.schedule')).toBe('schedule');
    expect(commitmentFormPath('commitment.schedule.1.amount')).toBe('schedule.1.amount');
    expect(commitmentFormPath('commitment.schedule.0.resultsGate')).toBe('schedule.0.periodNumber');
    expect(commitmentFormPath('commitment.organisationId')).toBe('organisationId');
    expect(commitmentFormPath('commitment.somethingElse')).toBeUndefined();
    expect(commitmentFormPath('plan.lines')).toBeUndefined();
  });
});
