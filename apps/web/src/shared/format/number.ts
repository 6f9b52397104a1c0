import { ruleBreach, unitKind, valueRules, type RuleBreach, type ValueRule } from '@mitra/contracts';

/** The UI languages' ways of writing numbers: Indonesian `1.250.000,5`, English `1,250,000.5`. */
export type NumberLanguage = 'id' | 'en';

/** What a field takes: the unit's limits, plus how it is written (Rupiah, percent sign, grouped thousands). */
export interface NumberRule extends Partial<ValueRule> {
  /** Accepts an `Rp`/`IDR` prefix and the Indonesian `,-` ending. */
  money?: boolean;
  /** Accepts a trailing `%`. */
  percent?: boolean;
  /** False for years and period numbers, which are never written `2.026`. */
  grouping?: boolean;
}

export type NumberRefusal =
  /** Not a number at all (letters, several signs). */
  | { kind: 'notANumber' }
  /** Digits of another script (Arabic-Indic ٣): refused rather than guessed. */
  | { kind: 'foreignDigits' }
  /** Could be read two ways in this language (`12.5` in Indonesian): the hint shows both ways of writing it. */
  | { kind: 'ambiguous' }
  /** Thousands groups that are not three digits (`1.25.000`). */
  | { kind: 'grouping' }
  /** A separator at the start or the end (`,5`, `12,`). */
  | { kind: 'separators' }
  /** More digits than a number keeps exactly. */
  | { kind: 'tooLong' }
  | RuleBreach;

export type ParsedNumber = { ok: true; value: number | null } | { ok: false; refusal: NumberRefusal };

const separatorsOf = (language: NumberLanguage) =>
  language === 'id' ? { decimal: ',', group: '.' } : { decimal: '.', group: ',' };

const refuse = (refusal: NumberRefusal): ParsedNumber => ({ ok: false, refusal });
const isForeignDigit = (char: string) => /\p{Nd}/u.test(char) && !/[0-9]/.test(char);

/** Strips a sign, and for money an `Rp` prefix (either order), and for percentages a `%` ending. */
function unwrap(text: string, rule: NumberRule): { negative: boolean; body: string } | null {
  let rest = text;
  let negative = false;
  let signed = false;
  const takeSign = () => {
    const sign = /^[-−+]\s*/.exec(rest);
    if (!sign || signed) return;
    signed = true;
    negative = sign[0][0] !== '+';
    rest = rest.slice(sign[0].length);
  };
  takeSign();
  if (rule.money) {
    const prefix = /^(rp\.?|idr)\s*/i.exec(rest);
    if (prefix) rest = rest.slice(prefix[0].length);
    takeSign();
    // `Rp 1.250.000,-`: the Indonesian way of saying "no cents".
    rest = rest.replace(/,-$/, '');
  }
  if (rule.percent) rest = rest.replace(/\s*%$/, '');
  return /^[0-9.,\s]+$/.test(rest) ? { negative, body: rest } : null;
}

/** The integer digits of `1.250.000` or `1 250 000`, or why the groups are wrong. */
function ungroup(integer: string, group: string): string | NumberRefusal {
  const marks = new Set(integer.replace(/[0-9]/g, '').replace(/\s+/g, ' '));
  if (marks.size === 0) return integer;
  if (marks.size > 1) return { kind: 'grouping' };
  const groups = integer.split(/[.,]|\s+/);
  const [first, ...rest] = groups as [string, ...string[]];
  const wellGrouped =
    first.length >= 1 && first.length <= 3 && !first.startsWith('0') && rest.every((g) => g.length === 3);
  if (wellGrouped) return groups.join('');
  // One separator followed by anything but three digits (`12.5`): most likely the other language's decimal.
  const lone = rest.length === 1 && marks.has(group);
  return lone && (rest[0]!.length !== 3 || first.startsWith('0'))
    ? { kind: 'ambiguous' }
    : { kind: 'grouping' };
}

/**
 * Reads what someone typed in a number field, in the UI language's way of writing numbers, and
 * checks it against the field's rule. Anything that could be read two ways is refused with a reason,
 * never guessed: `12.5` in Indonesian is not 125. An empty field is `null` (the form says if it is required).
 */
export function parseNumber(text: string, language: NumberLanguage, rule: NumberRule = {}): ParsedNumber {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: null };
  if ([...trimmed].some(isForeignDigit)) return refuse({ kind: 'foreignDigits' });
  const unwrapped = unwrap(trimmed, rule);
  if (!unwrapped) return refuse({ kind: 'notANumber' });
  const { body, negative } = unwrapped;
  if (!/^[0-9]/.test(body) || !/[0-9]$/.test(body)) return refuse({ kind: 'separators' });

  const { decimal, group } = separatorsOf(language);
  const parts = body.split(decimal);
  if (parts.length > 2) return refuse({ kind: 'ambiguous' });
  const [integerPart, fraction = ''] = parts as [string, string?];
  // A group separator after the decimal one (`1,250.5` in Indonesian) is the other language's order.
  if (fraction.includes(group)) return refuse({ kind: 'ambiguous' });
  if (!/^[0-9]*$/.test(fraction)) return refuse({ kind: 'separators' });
  if (integerPart === '' || /[.,\s]$/.test(integerPart) || (parts.length === 2 && fraction === '')) {
    return refuse({ kind: 'separators' });
  }
  const integer = ungroup(integerPart, group);
  if (typeof integer !== 'string') return refuse(integer);
  // Beyond 15 significant digits a double no longer keeps what was typed (whole numbers: up to 2^53).
  const significant = integer.replace(/^0+/, '') + fraction;
  if (fraction ? significant.length > 15 : Number(integer) > Number.MAX_SAFE_INTEGER)
    return refuse({ kind: 'tooLong' });

  const magnitude = Number(`${integer}.${fraction || '0'}`);
  const value = negative && magnitude !== 0 ? -magnitude : magnitude;
  const breach = ruleBreach(rule, value);
  return breach ? refuse(breach) : { ok: true, value };
}

/** A number as the field shows it in this language; `parseNumber` reads it back to the same value. */
export function formatNumber(value: number, language: NumberLanguage, rule: NumberRule = {}): string {
  return new Intl.NumberFormat(language === 'id' ? 'id-ID' : 'en-US', {
    useGrouping: rule.grouping !== false,
    maximumFractionDigits: 15,
  }).format(value);
}

/** The rules of the web's number fields; an indicator's own come from its unit (`unitRule`). */
export const numberRules = {
  /** Whole Rupiah, never negative (the ledger records reversals as entries of their own). */
  money: { money: true, integer: true, min: 0 },
  count: { integer: true, min: 0 },
  percent: { percent: true, min: 0, max: 100 },
  /** Period numbers, months, days, years: whole, in a range, never grouped (`2026`, not `2.026`). */
  whole: (min: number, max?: number): NumberRule => ({ integer: true, min, max, grouping: false }),
} satisfies Record<string, NumberRule | ((...args: never[]) => NumberRule)>;

/** An indicator's values: its unit's limits (a percentage 0–100, a count whole), with the unit's signs accepted. */
export function unitRule(unit: string): NumberRule {
  const kind = unitKind(unit);
  return { ...valueRules[kind], percent: kind === 'percent', money: kind === 'money' };
}
