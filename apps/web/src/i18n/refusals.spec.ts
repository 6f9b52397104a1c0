/* The app's words for the api's errors: every code has them in both languages, worded by `#shared/errors`. */
import { allRefusalCodes, ErrorCode, fieldErrorCodes, MitraError } from '@mitra/contracts';
import { ApiError, apiErrorFrom } from '#shared/api';
import { errorWords, fieldErrorWords, wordedFieldErrors, type Wording } from '#shared/errors';
import { createI18n, resources } from './i18n';
import { scanServerSources } from './uncoded-field-errors';

function wordingIn(language: 'id' | 'en'): Wording {
  const i18n = createI18n();
  void i18n.changeLanguage(language);
  const t = i18n.getFixedT(language, 'refusals');
  return {
    t: (key, values) => String(t(key as never, values as never)),
    exists: (key) => i18n.exists(key, { ns: 'refusals', lng: language }),
    language,
  };
}

const leafAt = (tree: unknown, dotted: string): unknown =>
  dotted
    .split('.')
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], tree);

describe('the words of every refusal code', () => {
  it.each(['id', 'en'] as const)('has a sentence in %s for every code of every subdomain', (language) => {
    const words = resources[language].refusals;
    const missing = allRefusalCodes.filter((code) => typeof leafAt(words, code) !== 'string');
    expect(missing).toEqual([]);
  });

  it.each(['id', 'en'] as const)('has a sentence in %s for every field error code', (language) => {
    const words = resources[language].refusals;
    const missing = fieldErrorCodes.filter((code) => leafAt(words, `field.${code}`) === undefined);
    expect(missing).toEqual([]);
  });
});

describe("the servers' field refusals", () => {
  const { uncoded, named } = scanServerSources();

  it('name a code wherever they are built, so no screen falls back to a generic sentence', () => {
    expect(uncoded).toEqual([]);
  });

  it.each(['id', 'en'] as const)('have a sentence in %s for every code they name', (language) => {
    const words = resources[language].refusals;
    const hasWords = (code: string) =>
      leafAt(words, code) !== undefined || leafAt(words, `field.${code}`) !== undefined;
    const transportCodes: readonly string[] = Object.values(ErrorCode);
    expect(named.filter(({ code }) => !transportCodes.includes(code) && !hasWords(code))).toEqual([]);
  });
});

const englishMessage = 'The request exceeds what the fund holds (Rp 5.000.000 available).';
const overdrawn = apiErrorFrom(
  409,
  {
    code: 'CONFLICT',
    message: englishMessage,
    refusal: { code: 'funding.request_exceeds_fund', params: { available: 5_000_000 } },
  },
  null,
);

describe('errorWords', () => {
  it("words a refusal from its code, the amounts in Rupiah, never with the api's English", () => {
    const text = errorWords(wordingIn('id'), overdrawn);
    expect(text).toBe('Permintaan melebihi dana yang tersedia (Rp\u00a05.000.000).');
    expect(errorWords(wordingIn('en'), overdrawn)).toBe(
      'The request exceeds what the fund holds (Rp\u00a05.000.000 available).',
    );
  });

  it('formats dates in Jakarta time, lists as names', () => {
    const expired = new ApiError(409, 'CONFLICT', 'Signing of version 2 expired.', [], undefined, {
      code: 'agreements.round_expired',
      params: { version: 2, expiresAt: '2026-03-31T17:30:00.000Z' },
    });
    expect(errorWords(wordingIn('id'), expired)).toBe('Penandatanganan versi 2 berakhir pada 1 Apr 2026.');
    const waiting = new ApiError(409, 'CONFLICT', "Not this party's turn.", [], undefined, {
      code: 'agreements.out_of_order',
      params: { waitingFor: ['Bappeda Kota Bandung', 'Yayasan Air'] },
    });
    expect(errorWords(wordingIn('id'), waiting)).toBe(
      'Belum giliran pihak ini: menunggu Bappeda Kota Bandung, Yayasan Air menandatangani lebih dulu.',
    );
  });

  it('falls back to the sentence of the transport code for a code the web does not know, or a missing parameter', () => {
    const unknown = new ApiError(409, 'CONFLICT', 'Something new.', [], undefined, {
      code: 'funding.brand_new',
    });
    expect(errorWords(wordingIn('id'), unknown)).toBe(
      'Tindakan ini tidak dapat dilakukan pada keadaan sekarang.',
    );
    const unparameterised = new ApiError(409, 'CONFLICT', 'x', [], undefined, {
      code: 'funding.request_exceeds_fund',
    });
    expect(errorWords(wordingIn('id'), unparameterised)).toBe(
      'Tindakan ini tidak dapat dilakukan pada keadaan sekarang.',
    );
    expect(errorWords(wordingIn('id'), new TypeError('x is undefined'))).toBe('Terjadi kesalahan di server.');
  });

  it("words a refusal of the domain's rules run in the browser", () => {
    const refused = MitraError.refused(
      ErrorCode.Conflict,
      'funding.reverse_payment_first',
      { entry: 7 },
      'Entry 7 cannot be reversed.',
    );
    expect(errorWords(wordingIn('id'), refused)).toBe(
      'Entri 7 tidak dapat dibatalkan: batalkan dulu pembayarannya.',
    );
  });
});

describe('fieldErrorWords', () => {
  const id = wordingIn('id');

  it("words zod's issue codes with their parameters", () => {
    expect(fieldErrorWords(id, { field: 'name', reason: 'is required', code: 'required' })).toBe(
      'Wajib diisi.',
    );
    expect(
      fieldErrorWords(id, {
        field: 'name',
        reason: 'x',
        code: 'too_small',
        params: { origin: 'string', minimum: 3 },
      }),
    ).toBe('Minimal 3 karakter.');
    expect(
      fieldErrorWords(id, {
        field: 'amount',
        reason: 'x',
        code: 'too_big',
        params: { origin: 'number', maximum: 1_000_000 },
      }),
    ).toBe('Maksimal 1.000.000.');
    expect(
      fieldErrorWords(id, {
        field: 'amount',
        reason: 'x',
        code: 'too_small',
        params: { origin: 'number', minimum: 0, bound: 'exclusive' },
      }),
    ).toBe('Harus lebih dari 0.');
    expect(
      fieldErrorWords(id, {
        field: 'entries.1.organisationId',
        reason: 'x',
        code: 'stakeholders.already_in_map',
      }),
    ).toBe('Organisasi ini sudah ada di peta.');
    expect(
      fieldErrorWords(id, { field: 'link', reason: 'x', code: 'invalid_format', params: { format: 'url' } }),
    ).toBe('Tautan tidak sah.');
    expect(fieldErrorWords(id, { field: 'note', reason: 'x', code: 'text.control_characters' })).toBe(
      'Teks tidak boleh memuat karakter kontrol.',
    );
  });

  it("words the domain's field checks in Indonesian, numbers in the reader's locale", () => {
    expect(
      fieldErrorWords(id, {
        field: 'report.values.0.breakdown',
        reason: 'adds up to 631.25, not the value 125 (difference -506.25)',
        code: 'monitoring.breakdown_mismatch',
        params: { breakdownSum: 631.25, reported: 125, difference: -506.25 },
      }),
    ).toBe('Jumlah rincian (631,25) tidak sama dengan nilai (125); selisihnya -506,25.');
    expect(
      fieldErrorWords(id, {
        field: 'value',
        reason: 'must be between 0 and 100',
        code: 'number.out_of_range',
        params: { min: 0, max: 100 },
      }),
    ).toBe('Harus antara 0 dan 100.');
    expect(
      fieldErrorWords(id, {
        field: 'targets.1',
        reason: '1.9 is not an SDG target',
        code: 'monitoring.not_an_sdg_target',
        params: { code: '1.9' },
      }),
    ).toBe('1.9 bukan target TPB/SDGs.');
    expect(
      fieldErrorWords(id, {
        field: 'signing.dueAt',
        reason: 'must be after now and not after expiresAt',
        code: 'agreements.due_outside_round',
      }),
    ).toBe('Tenggat harus setelah saat ini dan tidak melewati batas akhir penandatanganan.');
    expect(fieldErrorWords(id, { field: 'memberships.1', reason: 'x', code: 'list.duplicate' })).toBe(
      'Butir ini sudah disebut.',
    );
    expect(
      fieldErrorWords(id, {
        field: 'dueOn',
        reason: 'x',
        code: 'date.too_early',
        params: { earliest: '2000-01-01' },
      }),
    ).toBe('Tanggal paling awal 1 Jan 2000.');
  });

  it("words a rule's own code at its field, and a generic sentence for anything else", () => {
    expect(
      fieldErrorWords(id, {
        field: 'request.amount',
        reason: 'x',
        code: 'funding.request_exceeds_fund',
        params: { available: 10 },
      }),
    ).toBe('Permintaan melebihi dana yang tersedia (Rp\u00a010).');
    expect(fieldErrorWords(id, { field: 'x', reason: 'must be odd' })).toBe('Isian ini tidak diterima.');
    expect(fieldErrorWords(id, { field: 'x', reason: 'x', code: 'brand_new' })).toBe(
      'Isian ini tidak diterima.',
    );
  });

  it('gives the field errors of a refusal their words', () => {
    const invalid = new ApiError(400, 'VALIDATION_FAILED', 'The input is invalid.', [
      { field: 'title', reason: 'is required', code: 'required' },
    ]);
    expect(wordedFieldErrors(invalid, (error) => fieldErrorWords(id, error))).toEqual([
      { field: 'title', reason: 'Wajib diisi.', code: 'required' },
    ]);
    expect(wordedFieldErrors(new Error('x'), () => 'never')).toEqual([]);
  });
});
