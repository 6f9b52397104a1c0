import {
  defaultSigningValues,
  fromJakartaInput,
  jakartaDayAt,
  toJakartaInput,
  toOpenSigningInput,
} from './signing-round';

describe('times entered in Jakarta', () => {
  it('read a datetime-local value as WIB, seven hours ahead of UTC', () => {
    expect(fromJakartaInput('2026-12-05T17:00')).toBe('2026-12-05T10:00:00.000Z');
    // Early morning in Jakarta is still the evening before in UTC.
    expect(fromJakartaInput('2027-01-01T03:30')).toBe('2026-12-31T20:30:00.000Z');
  });

  it('refuse what is not a time', () => {
    expect(fromJakartaInput('')).toBeUndefined();
    expect(fromJakartaInput('2026-02-31T10:00')).toBeUndefined();
    expect(fromJakartaInput('2026-12-05T24:30')).toBeUndefined();
    expect(fromJakartaInput('5 Desember 2026')).toBeUndefined();
  });

  it('show an instant as the value a Jakarta reader enters', () => {
    expect(toJakartaInput('2026-12-31T20:30:00.000Z')).toBe('2027-01-01T03:30');
    expect(fromJakartaInput(toJakartaInput('2026-06-01T09:15:00.000Z'))).toBe('2026-06-01T09:15:00.000Z');
  });

  it('count days from the Jakarta calendar day, not from UTC', () => {
    // 23:30 WIB on 5 January: a week later is the 12th in Jakarta, though UTC still says the 5th.
    const now = new Date('2026-01-05T16:30:00Z');
    expect(jakartaDayAt(now, 7, 17)).toBe('2026-01-12T17:00');
  });
});

describe('opening a version for signing', () => {
  const now = new Date('2026-11-20T02:00:00Z'); // 09:00 WIB

  it('offers a week to sign and closes after two, at 17:00 WIB, all parties at once', () => {
    expect(defaultSigningValues(now)).toEqual({
      mode: 'parallel',
      dueAt: '2026-11-27T17:00',
      expiresAt: '2026-12-04T17:00',
    });
  });

  it('sends the times as instants', () => {
    expect(toOpenSigningInput(2, defaultSigningValues(now))).toEqual({
      versionNumber: 2,
      mode: 'parallel',
      dueAt: '2026-11-27T10:00:00.000Z',
      expiresAt: '2026-12-04T10:00:00.000Z',
    });
  });

  it('leaves out a time that was cleared, so the api names it', () => {
    expect(toOpenSigningInput(1, { mode: 'ordered', dueAt: '', expiresAt: '' })).toEqual({
      versionNumber: 1,
      mode: 'ordered',
    });
  });
});
