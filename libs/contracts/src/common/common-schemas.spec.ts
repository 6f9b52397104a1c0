import { commitmentInputSchema } from '../funding/ledger';
import { completeTaskSchema } from '../lifecycle/partnership-lifecycle';
import { personInputSchema } from '../stakeholders/person';
import { boundedDateSchema } from './date';
import { textSchema } from './text';
import { httpUrlSchema } from './url';
import { toFieldErrors } from './validation';

const reasons = (result: { success: boolean; error?: Parameters<typeof toFieldErrors>[0] }) =>
  result.error ? toFieldErrors(result.error).map(({ field, reason }) => ({ field, reason })) : [];

describe('the shared text schema', () => {
  const name = textSchema({ min: 2, max: 200 });
  const prose = textSchema({ max: 2000, multiline: true });

  it('NFC-normalises and trims, so the same words are the same text', () => {
    expect(name.parse('  Cafe\u0301 Mitra ')).toBe('Caf\u00e9 Mitra');
    expect(prose.parse('Baris satu\n\tbaris dua')).toBe('Baris satu\n\tbaris dua');
  });

  it('refuses control characters, a line break in a one-line field, bidi overrides and lone surrogates, each with its reason', () => {
    expect(reasons(name.safeParse('Rina\u0000'))).toEqual([{ field: '(root)', reason: 'must not contain control characters or line breaks' }]);
    expect(reasons(name.safeParse('Rina\nKurniasih'))).toEqual([{ field: '(root)', reason: 'must not contain control characters or line breaks' }]);
    expect(reasons(prose.safeParse('Baris\u0007'))).toEqual([{ field: '(root)', reason: 'must not contain control characters other than line feed and tab' }]);
    for (const bidi of ['\u202E', '\u202A', '\u2066', '\u2069']) {
      expect(reasons(name.safeParse(`Rina ${bidi}gpj.exe`))).toEqual([{ field: '(root)', reason: 'must not contain bidirectional override or isolate characters' }]);
    }
    expect(reasons(name.safeParse('Rina \uD800'))).toEqual([{ field: '(root)', reason: 'must not contain a lone surrogate (broken UTF-16)' }]);
    expect(name.parse('Rina 😀')).toBe('Rina 😀');
  });

  it('measures the length of what it keeps', () => {
    expect(reasons(name.safeParse('  R  '))).toEqual([{ field: '(root)', reason: 'must be at least 2 characters' }]);
    expect(reasons(textSchema({ max: 5 }).safeParse(''))).toEqual([{ field: '(root)', reason: 'is required' }]);
  });

  it("names the field in a contract: a person's name with NUL or a right-to-left override", () => {
    expect(reasons(personInputSchema.safeParse({ name: 'Rina\u0000' }))).toEqual([{ field: 'name', reason: 'must not contain control characters or line breaks' }]);
    expect(reasons(personInputSchema.safeParse({ name: 'Rina \u202Egnp.exe' }))).toEqual([
      { field: 'name', reason: 'must not contain bidirectional override or isolate characters' },
    ]);
  });
});

describe('the shared URL schema', () => {
  it('takes http and https links only', () => {
    expect(httpUrlSchema.parse(' https://example.org/notulen.pdf ')).toBe('https://example.org/notulen.pdf');
    expect(httpUrlSchema.parse('http://intranet.bandung.go.id/a')).toBe('http://intranet.bandung.go.id/a');
    for (const url of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd', 'vbscript:x', '//example.org']) {
      expect(reasons(httpUrlSchema.safeParse(url))).toEqual([{ field: '(root)', reason: 'must be an http(s) link' }]);
    }
  });

  it('refuses a javascript: evidence link in a decision, naming the field', () => {
    const decision = { idempotencyKey: 'key-12345678', actor: { userId: 'u', role: 'coordinator' }, taskId: '1.1', evidence: [{ label: 'Notulen', url: 'javascript:alert(1)' }] };
    expect(reasons(completeTaskSchema.safeParse(decision))).toEqual([{ field: 'evidence.0.url', reason: 'must be an http(s) link' }]);
  });
});

describe('the shared date schema', () => {
  it('takes dates from 2000-01-01 to fifty years ahead', () => {
    expect(boundedDateSchema.parse('2000-01-01')).toBe('2000-01-01');
    expect(boundedDateSchema.parse('2026-12-31')).toBe('2026-12-31');
    expect(reasons(boundedDateSchema.safeParse('1999-12-31'))).toEqual([{ field: '(root)', reason: 'must be on or after 2000-01-01' }]);
    expect(reasons(boundedDateSchema.safeParse('2999-01-01'))).toEqual([{ field: '(root)', reason: 'must be at most 50 years from today' }]);
    expect(reasons(boundedDateSchema.safeParse('2026-02-30'))).toEqual([{ field: '(root)', reason: 'must be a date YYYY-MM-DD' }]);
  });

  it('refuses a commitment due in 1900 or 9999, naming the instalment', () => {
    const commitment = (dueOn: string) => ({ contribution: { kind: 'cash', amount: 1000 }, schedule: [{ dueOn, amount: 1000 }] });
    expect(reasons(commitmentInputSchema.safeParse(commitment('1900-01-01')))).toEqual([{ field: 'schedule.0.dueOn', reason: 'must be on or after 2000-01-01' }]);
    expect(reasons(commitmentInputSchema.safeParse(commitment('9999-12-31')))).toEqual([{ field: 'schedule.0.dueOn', reason: 'must be at most 50 years from today' }]);
    expect(commitmentInputSchema.safeParse(commitment('2027-03-31')).success).toBe(true);
  });
});
