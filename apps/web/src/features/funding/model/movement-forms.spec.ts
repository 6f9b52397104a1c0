import {
  disbursementRequestInputSchema,
  expenditureInputSchema,
  paymentInputSchema,
  receiptInputSchema,
  reversalInputSchema,
} from '@mitra/contracts';
import {
  emptyExpenditureForm,
  emptyRequestForm,
  expenditureFormPath,
  missingExpenditureFields,
  missingPaymentFields,
  missingReceiptFields,
  missingRequestFields,
  missingReversalFields,
  receiptFormPath,
  requestFormPath,
  reversalFormPath,
  toExpenditureInput,
  toPaymentInput,
  toReceiptInput,
  toRequestInput,
  toReversalInput,
} from './movement-forms';

const lpm = '64f000000000000000000004';
const vendor = '64f000000000000000000005';

describe('the money movement forms', () => {
  it('send a receipt against the chosen commitment', () => {
    const input = toReceiptInput({
      commitment: '3',
      amount: 150_000_000,
      receivedOn: '2026-11-03',
      reference: ' TRF-1 ',
    });
    expect(input).toEqual({
      commitment: 3,
      amount: 150_000_000,
      receivedOn: '2026-11-03',
      reference: 'TRF-1',
    });
    expect(receiptInputSchema.safeParse(input).success).toBe(true);
    expect(missingReceiptFields({ commitment: '', amount: '', receivedOn: '', reference: ' ' })).toEqual({
      commitment: 'required',
      amount: 'required',
      receivedOn: 'required',
      reference: 'required',
    });
    expect(receiptFormPath('receipt.amount')).toBe('amount');
    expect(receiptFormPath('request.amount')).toBeUndefined();
  });

  it('send a disbursement request, naming the payer only in co-funding', () => {
    const values = {
      ...emptyRequestForm(lpm),
      lineId: 'bank-sampah',
      amount: 75_000_000,
      purpose: 'Timbangan',
      receivingOrganisationId: vendor,
    };
    const input = toRequestInput(values);
    expect(input).toEqual({
      lineId: 'bank-sampah',
      amount: 75_000_000,
      purpose: 'Timbangan',
      requestingOrganisationId: lpm,
      receivingOrganisationId: vendor,
    });
    expect(disbursementRequestInputSchema.safeParse(input).success).toBe(true);
    expect(missingRequestFields(values, false)).toEqual({});
    expect(missingRequestFields(values, true)).toEqual({ payingOrganisationId: 'required' });
    expect(toRequestInput({ ...values, payingOrganisationId: lpm }).payingOrganisationId).toBe(lpm);
    expect(requestFormPath('request.amount')).toBe('amount');
    expect(requestFormPath('request.receivingOrganisationId')).toBe('receivingOrganisationId');
  });

  it('send a payment', () => {
    const input = toPaymentInput({ paidOn: '2026-11-20', reference: 'SP2D-7 ' });
    expect(paymentInputSchema.safeParse(input).success).toBe(true);
    expect(input.reference).toBe('SP2D-7');
    expect(missingPaymentFields({ paidOn: '', reference: '' })).toEqual({
      paidOn: 'required',
      reference: 'required',
    });
  });

  it('send an expenditure with a link or a document as evidence', () => {
    const values = {
      ...emptyExpenditureForm(),
      payment: '9',
      amount: 60_000_000,
      spentOn: '2026-11-25',
      receivingOrganisationId: vendor,
      link: 'https://arsip.example.id/bast-1.pdf',
      description: 'BAST timbangan',
    };
    const input = toExpenditureInput(values);
    expect(input).toEqual({
      payment: 9,
      amount: 60_000_000,
      spentOn: '2026-11-25',
      receivingOrganisationId: vendor,
      evidence: { link: 'https://arsip.example.id/bast-1.pdf', description: 'BAST timbangan' },
    });
    expect(expenditureInputSchema.safeParse(input).success).toBe(true);
    expect(toExpenditureInput({ ...values, link: '', documentReference: 'Kuitansi 017' }).evidence).toEqual({
      reference: 'Kuitansi 017',
      description: 'BAST timbangan',
    });
    expect(missingExpenditureFields({ ...values, link: '' })).toEqual({ link: 'required' });
    expect(missingExpenditureFields({ ...values, link: '', documentReference: 'Kuitansi 017' })).toEqual({});
    expect(expenditureFormPath('expenditure.evidence.link')).toBe('link');
    expect(expenditureFormPath('expenditure.evidence.reference')).toBe('documentReference');
    expect(expenditureFormPath('expenditure.evidence.description')).toBe('description');
    expect(expenditureFormPath('expenditure.payment')).toBe('payment');
  });

  it('send a reversal with its reason', () => {
    const input = toReversalInput({ reason: '  Salah ketik nomor transfer  ' });
    expect(input).toEqual({ reason: 'Salah ketik nomor transfer' });
    expect(reversalInputSchema.safeParse(input).success).toBe(true);
    expect(missingReversalFields({ reason: '' })).toEqual({ reason: 'required' });
    expect(reversalFormPath('reversal.reason')).toBe('reason');
  });
});
