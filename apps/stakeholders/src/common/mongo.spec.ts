import { escapeRegex } from './mongo';

describe('regular expression escaping', () => {
  it('makes every special character match itself', () => {
    const text = 'a.b*c+(d)?[e]{f}|^g$\\h/-';
    expect(new RegExp(`^${escapeRegex(text)}$`).test(text)).toBe(true);
    expect(new RegExp(escapeRegex('.*')).test('anything')).toBe(false);
  });
});
