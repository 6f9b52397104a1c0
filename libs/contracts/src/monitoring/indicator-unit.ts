import type { FieldErrorCode, RefusalParams } from '../errors/refusal';

/**
 * What an indicator's unit says about its numbers. The unit is free text ("orang", "%", "per 1000",
 * "ton"), so its kind is read from it once, here, and the web form, the contract and the monitoring
 * rules all apply the same limits and the same arithmetic.
 */
export const unitKinds = ['count', 'percent', 'rate', 'money', 'amount'] as const;
export type UnitKind = (typeof unitKinds)[number];

/** `sum`: the groups' values add up to the whole. `per_group`: each group has its own value (a rate), never added. */
export type Aggregation = 'sum' | 'per_group';

export interface ValueRule {
  integer: boolean;
  min?: number;
  max?: number;
}

const countNouns = new Set([
  'orang',
  'jiwa',
  'anak',
  'balita',
  'bayi',
  'ibu',
  'siswa',
  'murid',
  'guru',
  'peserta',
  'petani',
  'nelayan',
  'keluarga',
  'kk',
  'rumah tangga',
  'ruta',
  'rumah',
  'unit',
  'buah',
  'titik',
  'lokasi',
  'kasus',
  'kelompok',
  'desa',
  'kelurahan',
  'kecamatan',
  'sekolah',
  'posyandu',
  'puskesmas',
  'kegiatan',
  'pelatihan',
  'sesi',
  'usaha',
  'umkm',
  'people',
  'persons',
  'person',
  'children',
  'child',
  'households',
  'household',
  'families',
  'family',
  'units',
  'cases',
  'groups',
  'villages',
  'schools',
  'sessions',
  'participants',
  'businesses',
]);

/** Reads the kind from the unit's text; an unknown unit is a measured amount (ton, ha, km): added, decimals allowed. */
export function unitKind(unit: string): UnitKind {
  const text = unit.trim().toLowerCase().replace(/\s+/g, ' ');
  if (text.includes('%') || /^(persen|percent|per cent|percentage|prosen)\b/.test(text)) return 'percent';
  if (/^(rp\.?|rupiah|idr)$/.test(text)) return 'money';
  if (/^per\s|\/|\b(rasio|ratio|rate|indeks|index|skor|score|rata-rata|average|mean)\b/.test(text))
    return 'rate';
  if (countNouns.has(text)) return 'count';
  return 'amount';
}

export function aggregationOf(kind: UnitKind): Aggregation {
  return kind === 'percent' || kind === 'rate' ? 'per_group' : 'sum';
}

export const valueRules: Record<UnitKind, ValueRule> = {
  count: { integer: true, min: 0 },
  percent: { integer: false, min: 0, max: 100 },
  rate: { integer: false, min: 0 },
  money: { integer: true, min: 0 },
  amount: { integer: false },
};

/** How a value breaks a rule, for a caller that words it itself (the web, in the user's language). */
export type RuleBreach =
  | { kind: 'notFinite' }
  | { kind: 'notWhole' }
  | { kind: 'outOfRange'; min: number; max: number }
  | { kind: 'belowMin'; min: number }
  | { kind: 'aboveMax'; max: number };

export function ruleBreach(rule: Partial<ValueRule>, value: number): RuleBreach | null {
  if (!Number.isFinite(value)) return { kind: 'notFinite' };
  if (rule.integer && !Number.isInteger(value)) return { kind: 'notWhole' };
  const { min, max } = rule;
  if (min !== undefined && max !== undefined && (value < min || value > max))
    return { kind: 'outOfRange', min, max };
  if (min !== undefined && value < min) return { kind: 'belowMin', min };
  if (max !== undefined && value > max) return { kind: 'aboveMax', max };
  return null;
}

/** Why a value breaks the rule (the reason of a field error), or null when it keeps it. Never corrected, only refused. */
export function ruleRefusal(rule: Partial<ValueRule>, value: number): string | null {
  const breach = ruleBreach(rule, value);
  switch (breach?.kind) {
    case undefined:
      return null;
    case 'notFinite':
      return 'must be a finite number';
    case 'notWhole':
      return 'must be a whole number';
    case 'outOfRange':
      return `must be between ${breach.min} and ${breach.max}`;
    case 'belowMin':
      return `must be at least ${breach.min}`;
    case 'aboveMax':
      return `must be at most ${breach.max}`;
  }
}

export const unitValueRefusal = (unit: string, value: number): string | null =>
  ruleRefusal(valueRules[unitKind(unit)], value);

/** A breach as a field error's code and parameters, for screens to word (`number.out_of_range` 0–100). */
function breachCode(breach: RuleBreach): { code: FieldErrorCode; params?: RefusalParams } {
  switch (breach.kind) {
    case 'notFinite':
      return { code: 'number.not_finite' };
    case 'notWhole':
      return { code: 'number.not_whole' };
    case 'outOfRange':
      return { code: 'number.out_of_range', params: { min: breach.min, max: breach.max } };
    case 'belowMin':
      return { code: 'too_small', params: { origin: 'number', minimum: breach.min } };
    case 'aboveMax':
      return { code: 'too_big', params: { origin: 'number', maximum: breach.max } };
  }
}

/** Why a value breaks its unit's rule, with its code and parameters, or null when it keeps it. */
export function unitValueIssue(
  unit: string,
  value: number,
): { reason: string; code: FieldErrorCode; params?: RefusalParams } | null {
  const rule = valueRules[unitKind(unit)];
  const breach = ruleBreach(rule, value);
  return breach && { reason: ruleRefusal(rule, value)!, ...breachCode(breach) };
}
