import { duplicateOfError, duplicateOfField, duplicateOfNameField } from './organisation';

describe('the duplicate named by a 409 reply', () => {
  it('reads the id and name of the existing record from the field errors', () => {
    const errors = [
      { field: duplicateOfField, reason: '64a0000000000000000000aa' },
      { field: duplicateOfNameField, reason: 'Forum CSR Kota Bandung' },
    ];
    expect(duplicateOfError({ errors })).toEqual({ id: '64a0000000000000000000aa', name: 'Forum CSR Kota Bandung' });
  });

  it('finds none in a reply that names no existing record', () => {
    expect(duplicateOfError({})).toBeUndefined();
    expect(duplicateOfError({ errors: [{ field: 'name', reason: 'is required' }] })).toBeUndefined();
  });
});
