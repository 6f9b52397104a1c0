import {
  startPartnershipInputSchema,
  stakeholderScoreSchema,
  waiveInclusivenessSchema,
} from '@mitra/contracts';
import { contractCheck, fieldReason, type Translate } from './field-errors';

const translate: Translate = (key, values) => (values ? `${key}(${values.count})` : key);

describe('fieldReason', () => {
  it('recognises the reasons of the contracts the partnership forms meet', () => {
    expect(fieldReason('is required')).toEqual({ key: 'required' });
    expect(fieldReason('must be at least 3 characters')).toEqual({ key: 'minLength', count: 3 });
    expect(fieldReason('must give a reason of at least 10 characters')).toEqual({
      key: 'minLength',
      count: 10,
    });
    expect(fieldReason('must be at most 2000 characters')).toEqual({ key: 'maxLength', count: 2000 });
    expect(fieldReason('is already in the map')).toEqual({ key: 'alreadyInMap' });
    expect(fieldReason('is already the lead')).toEqual({ key: 'alreadyLead' });
    expect(fieldReason("is required: the MoU in force is amended with the new party's entry")).toEqual({
      key: 'mouPartyRequired',
    });
  });

  it('leaves a reason it does not know to be shown as the api wrote it', () => {
    expect(fieldReason('must be a partnership id')).toBeUndefined();
  });
});

describe('contractCheck', () => {
  it('asks what the contract asks, in the user’s words', () => {
    const name = contractCheck(startPartnershipInputSchema.shape.name, translate);
    expect(name(' ab ')).toBe('fieldErrors.minLength(3)');
    expect(name('Air Bersih Batununggal')).toBeNull();
    const reason = contractCheck(waiveInclusivenessSchema.shape.reason, translate);
    expect(reason('belum')).toBe('fieldErrors.minLength(10)');
    expect(contractCheck(stakeholderScoreSchema, translate)(6)).toBe('fieldErrors.score');
  });
});
