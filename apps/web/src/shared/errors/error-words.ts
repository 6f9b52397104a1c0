import { MitraError } from '@mitra/contracts';
import { ApiError, type ApiFieldError, type ApiRefusalParams } from '#shared/api';
import { formatDate, formatRupiah } from '#shared/format';

/** What wording an error needs of i18next: the `refusals` namespace's words, and the language for formats. */
export interface Wording {
  t(key: string, values?: Record<string, string>): string;
  exists(key: string): boolean;
  language: string;
}

/**
 * Parameters that are Rupiah amounts, quantities or instants, formatted in the reader's locale; the rest
 * (years, version and entry numbers, names) are said as they are.
 */
const amountParams = new Set([
  'available',
  'remaining',
  'outstanding',
  'released',
  'used',
  'total',
  'ceiling',
]);
const quantityParams = new Set([
  'minimum',
  'maximum',
  'min',
  'max',
  'divisor',
  'limit',
  'breakdownSum',
  'reported',
  'difference',
  'count',
  'counted',
]);
const instantParams = new Set(['expiresAt', 'earliest']);

function formatted(params: ApiRefusalParams | undefined, language: string): Record<string, string> {
  const quantities = new Intl.NumberFormat(language);
  const say = (name: string, value: string | number): string => {
    if (typeof value === 'string') return instantParams.has(name) ? formatDate(value, language) : value;
    if (amountParams.has(name)) return formatRupiah(value);
    return quantityParams.has(name) ? quantities.format(value) : String(value);
  };
  return Object.fromEntries(
    Object.entries(params ?? {}).map(([name, value]) => [
      name,
      Array.isArray(value) ? value.join(', ') : say(name, value),
    ]),
  );
}

/** The sentence of `key` with its parameters; undefined when there is none, or it needs a parameter not given. */
function sentence(wording: Wording, key: string, params: ApiRefusalParams | undefined): string | undefined {
  if (!wording.exists(key)) return undefined;
  const text = wording.t(key, formatted(params, wording.language));
  return text.includes('{{') ? undefined : text;
}

/** Field codes worded by what they measure (`too_small` of a `string` or a `number`) or the format they want. */
const variedBy: Record<string, string> = { too_small: 'origin', too_big: 'origin', invalid_format: 'format' };

/**
 * The words for a refused request: its rule's sentence when the api named one (`funding.request_exceeds_fund`
 * with its amounts), else the sentence of its transport code. Never the api's own message: that is English.
 * A refusal of the domain's rules run in the browser (may this entry be reversed?) is worded the same way.
 */
export function errorWords(wording: Wording, error: unknown): string {
  if (!(error instanceof ApiError || error instanceof MitraError))
    return wording.t('translation:errors.INTERNAL');
  const refused = error.refusal && sentence(wording, error.refusal.code, error.refusal.params);
  return refused ?? wording.t(`translation:errors.${error.code}`);
}

/**
 * The words for a refused field: a rule's own sentence (`funding.request_exceeds_fund`), or the sentence of a
 * zod issue code with its parameters (`field.too_small.string`, "at least 3 characters"); a code the web does
 * not know is said as a generic refusal.
 */
export function fieldErrorWords(wording: Wording, { code, params }: ApiFieldError): string {
  if (code) {
    const rule = sentence(wording, code, params);
    if (rule) return rule;
    // A bound the value may not reach is worded as such ("more than 0"), whatever it measures.
    const variant = params?.bound === 'exclusive' ? 'exclusive' : variedBy[code] && params?.[variedBy[code]];
    const worded =
      (typeof variant === 'string' && sentence(wording, `field.${code}.${variant}`, params)) ||
      sentence(wording, `field.${code}.other`, params) ||
      sentence(wording, `field.${code}`, params);
    if (worded) return worded;
  }
  return wording.t('field.custom');
}

/** The field errors of a refusal with each reason in the user's words (`word`) instead of the api's English. */
export function wordedFieldErrors(
  error: unknown,
  word: (fieldError: ApiFieldError) => string,
): ApiFieldError[] {
  return error instanceof ApiError
    ? error.fieldErrors.map((fieldError) => ({ ...fieldError, reason: word(fieldError) }))
    : [];
}
