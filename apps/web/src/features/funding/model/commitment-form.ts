import type { CommitmentInput } from '@mitra/contracts';
import { isBlank, rowKey, withinBody, type Blankable, type RequiredErrors } from './form-rows';

export interface InstalmentRow {
  key: string;
  dueOn: string;
  amount: Blankable<number>;
  /** The monitoring period whose approved report releases this instalment (cash only). */
  periodNumber: Blankable<number>;
}

export interface CommitmentFormValues {
  organisationId: string;
  kind: 'cash' | 'in_kind';
  /** The cash amount, or an in-kind contribution's estimated value. */
  amount: Blankable<number>;
  /** What an in-kind contribution is (expertise, a venue, volunteers). */
  description: string;
  schedule: InstalmentRow[];
  note: string;
}

export const emptyInstalment = (): InstalmentRow => ({
  key: rowKey(),
  dueOn: '',
  amount: '',
  periodNumber: '',
});

/** A partner's form starts (and stays) on its own organisation. */
export function emptyCommitmentForm(organisationId = ''): CommitmentFormValues {
  return {
    organisationId,
    kind: 'cash',
    amount: '',
    description: '',
    schedule: [emptyInstalment()],
    note: '',
  };
}

/** A single instalment left without an amount is the whole contribution. */
const instalmentAmount = (values: CommitmentFormValues, row: InstalmentRow) =>
  row.amount === '' && values.schedule.length === 1 ? values.amount : row.amount;

/** What the schedule adds up to so far, shown against the amount committed. */
export const scheduledAmount = (values: CommitmentFormValues) =>
  values.schedule.reduce((sum, row) => {
    const amount = instalmentAmount(values, row);
    return sum + (typeof amount === 'number' ? amount : 0);
  }, 0);

export function missingCommitmentFields(values: CommitmentFormValues): RequiredErrors {
  const errors: RequiredErrors = {};
  const need = (path: string, value: unknown) => {
    if (isBlank(value)) errors[path] = 'required';
  };
  need('organisationId', values.organisationId);
  need('amount', values.amount);
  if (values.kind === 'in_kind') need('description', values.description);
  if (values.schedule.length === 0) errors.schedule = 'required';
  values.schedule.forEach((row, i) => {
    need(`schedule.${i}.dueOn`, row.dueOn);
    need(`schedule.${i}.amount`, instalmentAmount(values, row));
  });
  return errors;
}

/** What `POST …/funding/commitments` receives; call once `missingCommitmentFields` found nothing. */
export function toCommitmentInput(values: CommitmentFormValues): CommitmentInput {
  const amount = Number(values.amount);
  return {
    organisationId: values.organisationId,
    contribution:
      values.kind === 'cash'
        ? { kind: 'cash', amount }
        : { kind: 'in_kind', description: values.description.trim(), valueEstimate: amount },
    schedule: values.schedule.map((row) => ({
      dueOn: row.dueOn,
      amount: Number(instalmentAmount(values, row)),
      ...(row.periodNumber !== '' ? { resultsGate: { periodNumber: Number(row.periodNumber) } } : {}),
    })),
    ...(values.note.trim() ? { note: values.note.trim() } : {}),
  };
}

const commitmentInputs = [
  /^(organisationId|amount|description|schedule|note)$/,
  /^schedule\.\d+\.(dueOn|amount|periodNumber)$/,
];

/** The commitment form's input for a field the api refused (`commitment.contribution.amount` → `amount`). */
export function commitmentFormPath(apiField: string): string | undefined {
  const field = withinBody(apiField, 'commitment');
  if (field === undefined) return undefined;
  const path = field
    .replace(/^contribution(\.(amount|valueEstimate|kind))?$/, 'amount')
    .replace(/^contribution\.description$/, 'description')
    .replace(/^(schedule\.\d+)\.resultsGate(\.periodNumber)?$/, '$1.periodNumber');
  return commitmentInputs.some((input) => input.test(path)) ? path : undefined;
}
