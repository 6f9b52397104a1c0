import { demoPassword } from '@mitra/testing';
import { passwordSchema, passwordWeakness } from './password-strength';

describe('password strength', () => {
  it('refuses a repeated character, a keyboard row and common Indonesian words, each with a reason', () => {
    expect(passwordWeakness('aaaaaaaaaaaa')).toMatch(/^is too easy to guess: .+/);
    expect(passwordWeakness('qwertyuiop12')).toMatch(/^is too easy to guess/);
    expect(passwordWeakness('rahasiarahasia')).toMatch(/^is too easy to guess/);
  });

  it('takes a passphrase and the demo accounts’ password', () => {
    expect(passwordWeakness('Tanjakan-Ciumbuleuit-1942')).toBeUndefined();
    expect(passwordWeakness(demoPassword)).toBeUndefined();
  });

  it('names the reason in the contract’s field error', () => {
    const result = passwordSchema.safeParse('aaaaaaaaaaaa');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/^is too easy to guess/);
    expect(passwordSchema.safeParse('pendek').error?.issues[0]?.message).toBe('must be at least 12 characters');
  });
});
