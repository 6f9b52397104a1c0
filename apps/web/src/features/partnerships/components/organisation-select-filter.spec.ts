import type { ComboboxParsedItem } from '@mantine/core';
import { byWordBeginnings } from './OrganisationSelect';

describe('the organisation picker', () => {
  const options: ComboboxParsedItem[] = ['Komunitas Café Literasi Ñusa', 'Forum CSR (Bandung)', 'LPM Kelurahan Cibangkong'].map((label) => ({ value: label, label }));
  const shown = (search: string) => byWordBeginnings({ options, search, limit: Infinity }).map((option) => ('label' in option ? option.label : ''));

  it('keeps what the search found: word beginnings in any order, accents and punctuation aside', () => {
    expect(shown('cafe')).toEqual(['Komunitas Café Literasi Ñusa']);
    expect(shown('bandung forum')).toEqual(['Forum CSR (Bandung)']);
    expect(shown('cibang')).toEqual(['LPM Kelurahan Cibangkong']);
    expect(shown('angkong')).toEqual([]);
    expect(shown('')).toHaveLength(3);
  });
});
