import type {
  DisbursementRequestInput,
  ExpenditureInput,
  PaymentInput,
  ReceiptInput,
  ReversalInput,
} from '@mitra/contracts';
import { isBlank, withinBody, type Blankable, type RequiredErrors } from './form-rows';

function missing<T extends object>(values: T, fields: ReadonlyArray<keyof T & string>): RequiredErrors {
  return Object.fromEntries(
    fields.filter((field) => isBlank(values[field])).map((field) => [field, 'required' as const]),
  );
}

/** A form whose inputs carry the api's own field names under one wrapper (`receipt.amount` → `amount`). */
const flatFormPath =
  (wrapper: string, inputs: readonly string[], renames: Record<string, string> = {}) =>
  (apiField: string): string | undefined => {
    const field = withinBody(apiField, wrapper);
    if (field === undefined) return undefined;
    const path = renames[field] ?? field;
    return inputs.includes(path) ? path : undefined;
  };

// ---------------------------------------------------------------- money received

export interface ReceiptFormValues {
  /** The commitment's ledger sequence, as the select holds it. */
  commitment: string;
  amount: Blankable<number>;
  receivedOn: string;
  reference: string;
}

export const emptyReceiptForm = (): ReceiptFormValues => ({
  commitment: '',
  amount: '',
  receivedOn: '',
  reference: '',
});
export const missingReceiptFields = (values: ReceiptFormValues) =>
  missing(values, ['commitment', 'amount', 'receivedOn', 'reference']);
export const toReceiptInput = (values: ReceiptFormValues): ReceiptInput => ({
  commitment: Number(values.commitment),
  amount: Number(values.amount),
  receivedOn: values.receivedOn,
  reference: values.reference.trim(),
});
export const receiptFormPath = flatFormPath('receipt', ['commitment', 'amount', 'receivedOn', 'reference']);

// ---------------------------------------------------------------- disbursement requests

export interface RequestFormValues {
  lineId: string;
  amount: Blankable<number>;
  purpose: string;
  /** Fixed to a partner's own organisation; a coordinator names whom it asks for. */
  requestingOrganisationId: string;
  /** Named in co-funding only: whose share pays. */
  payingOrganisationId: string;
  receivingOrganisationId: string;
}

export const emptyRequestForm = (requestingOrganisationId = ''): RequestFormValues => ({
  lineId: '',
  amount: '',
  purpose: '',
  requestingOrganisationId,
  payingOrganisationId: '',
  receivingOrganisationId: '',
});
export function missingRequestFields(values: RequestFormValues, coFunding: boolean): RequiredErrors {
  return missing(values, [
    'lineId',
    'amount',
    'purpose',
    'requestingOrganisationId',
    'receivingOrganisationId',
    ...(coFunding ? (['payingOrganisationId'] as const) : []),
  ]);
}
export const toRequestInput = (values: RequestFormValues): DisbursementRequestInput => ({
  lineId: values.lineId,
  amount: Number(values.amount),
  purpose: values.purpose.trim(),
  requestingOrganisationId: values.requestingOrganisationId,
  ...(values.payingOrganisationId ? { payingOrganisationId: values.payingOrganisationId } : {}),
  receivingOrganisationId: values.receivingOrganisationId,
});
export const requestFormPath = flatFormPath('request', [
  'lineId',
  'amount',
  'purpose',
  'requestingOrganisationId',
  'payingOrganisationId',
  'receivingOrganisationId',
]);

// ---------------------------------------------------------------- payments

export interface PaymentFormValues {
  paidOn: string;
  reference: string;
}

export const emptyPaymentForm = (): PaymentFormValues => ({ paidOn: '', reference: '' });
export const missingPaymentFields = (values: PaymentFormValues) => missing(values, ['paidOn', 'reference']);
export const toPaymentInput = (values: PaymentFormValues): PaymentInput => ({
  paidOn: values.paidOn,
  reference: values.reference.trim(),
});
export const paymentFormPath = flatFormPath('payment', ['paidOn', 'reference']);

// ---------------------------------------------------------------- expenditures

export interface ExpenditureFormValues {
  /** The payment's ledger sequence, as the select holds it. */
  payment: string;
  amount: Blankable<number>;
  spentOn: string;
  receivingOrganisationId: string;
  link: string;
  /** A document number (receipt, handover report) when there is no link. */
  documentReference: string;
  description: string;
}

export const emptyExpenditureForm = (): ExpenditureFormValues => ({
  payment: '',
  amount: '',
  spentOn: '',
  receivingOrganisationId: '',
  link: '',
  documentReference: '',
  description: '',
});
export function missingExpenditureFields(values: ExpenditureFormValues): RequiredErrors {
  const errors = missing(values, ['payment', 'amount', 'spentOn', 'receivingOrganisationId', 'description']);
  // The evidence is a link or a document reference: without either, the link is asked for.
  if (isBlank(values.link) && isBlank(values.documentReference)) errors.link = 'required';
  return errors;
}
export function toExpenditureInput(values: ExpenditureFormValues): ExpenditureInput {
  const link = values.link.trim();
  const reference = values.documentReference.trim();
  return {
    payment: Number(values.payment),
    amount: Number(values.amount),
    spentOn: values.spentOn,
    receivingOrganisationId: values.receivingOrganisationId,
    evidence: {
      ...(link ? { link } : {}),
      ...(reference ? { reference } : {}),
      description: values.description.trim(),
    },
  };
}
export const expenditureFormPath = flatFormPath(
  'expenditure',
  ['payment', 'amount', 'spentOn', 'receivingOrganisationId', 'link', 'documentReference', 'description'],
  {
    evidence: 'link',
    'evidence.link': 'link',
    'evidence.reference': 'documentReference',
    'evidence.description': 'description',
  },
);

// ---------------------------------------------------------------- corrections

export interface ReversalFormValues {
  reason: string;
}

export const missingReversalFields = (values: ReversalFormValues) => missing(values, ['reason']);
export const toReversalInput = (values: ReversalFormValues): ReversalInput => ({
  reason: values.reason.trim(),
});
export const reversalFormPath = flatFormPath('reversal', ['reason']);
