import type { FieldErrorCode, RefusalParams } from '../errors/refusal';
import {
  bidiControls,
  controlCharacters,
  controlCharactersButLineFeedAndTab,
  loneSurrogate,
  textReasons,
  textTooLong,
  textTooShort,
  type TextOptions,
} from './text-rules';

/*
 * Payload checks without zod, for the lifecycle workflow: the workflow sandbox evaluates every module of the bundle
 * again for each open workflow, and zod with the contracts' schemas is most of that memory. Each check mirrors a zod
 * schema of the contracts: the same output, and the same first issue, named as `parseContract` names it. A spec
 * compares them on many payloads (`decision-checks.spec.ts`); a check that drifts from its schema fails there.
 */

type Path = ReadonlyArray<string | number>;

/** What `toFieldErrors` makes of zod's issue: the code a screen words it with and what its sentence needs. */
interface Coded {
  code: FieldErrorCode;
  params?: RefusalParams;
}

/** The first thing wrong with a payload: the field (`(root)` for the payload itself), why, and its code. */
export class PayloadRefused extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
    readonly coded: Coded,
  ) {
    super(`${field} ${reason}`);
    this.name = 'PayloadRefused';
  }
}

export interface Check<T> {
  parse(input: unknown, path: Path): T;
  /** When the value is undefined: left out (`optional`), or the default put in its place. */
  readonly absent?: 'optional' | { default: () => T };
}

export type CheckOutput<C> = C extends Check<infer T> ? T : never;

const fieldOf = (path: Path) => (path.length > 0 ? path.map(String).join('.') : '(root)');

function refuse(path: Path, reason: string, coded: Coded): never {
  throw new PayloadRefused(fieldOf(path), reason, coded);
}

/** zod's `too_small`/`too_big` of a length or a number, as `toFieldErrors` codes it (a text of at least 1 is required). */
const tooSmall = (origin: string, minimum: number): Coded =>
  origin === 'string' && minimum === 1
    ? { code: 'required' }
    : { code: 'too_small', params: { origin, minimum } };
const tooBig = (origin: string, maximum: number): Coded => ({
  code: 'too_big',
  params: { origin, maximum },
});

/** zod's name for what it received (`util.parsedType`, as its English messages print it). */
function typeName(input: unknown): string {
  if (typeof input === 'number') return Number.isFinite(input) ? 'number' : String(input);
  if (typeof input !== 'object') return typeof input;
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'array';
  const prototype: unknown = Object.getPrototypeOf(input);
  const constructor = (input as { constructor?: { name: string } }).constructor;
  return prototype !== Object.prototype && 'constructor' in input && constructor
    ? constructor.name
    : 'object';
}

/** A missing value is "required"; `toFieldErrors` says so for zod's "received undefined". */
function wrongType(path: Path, expected: string, input: unknown): never {
  return input === undefined
    ? refuse(path, 'is required', { code: 'required' })
    : refuse(path, `Invalid input: expected ${expected}, received ${typeName(input)}`, {
        code: 'invalid_type',
        params: { expected },
      });
}

const quoted = (value: string) => JSON.stringify(value);

export interface StringRule {
  test(value: string): boolean;
  reason: string;
  coded: Coded;
}

export const minLength = (
  min: number,
  reason = `Too small: expected string to have >=${min} characters`,
): StringRule => ({
  test: (value) => value.length >= min,
  reason,
  coded: tooSmall('string', min),
});
export const maxLength = (
  max: number,
  reason = `Too big: expected string to have <=${max} characters`,
): StringRule => ({
  test: (value) => value.length <= max,
  reason,
  coded: tooBig('string', max),
});
export const matches = (pattern: RegExp, reason: string): StringRule => ({
  test: (value) => pattern.test(value),
  reason,
  coded: { code: 'invalid_format', params: { format: 'regex' } },
});

/** `z.string()` with its checks, the first failing one reported. */
export function string(...rules: StringRule[]): Check<string> {
  return {
    parse(input, path) {
      if (typeof input !== 'string') return wrongType(path, 'string', input);
      const broken = rules.find((rule) => !rule.test(input));
      return broken ? refuse(path, broken.reason, broken.coded) : input;
    },
  };
}

/** `textSchema`: refuses control, bidirectional and lone surrogate characters, then measures the trimmed NFC text. */
export function text({ max, min = 1, minMessage, multiline = false }: TextOptions): Check<string> {
  const control = multiline ? controlCharactersButLineFeedAndTab : controlCharacters;
  return {
    parse(input, path) {
      if (typeof input !== 'string') return wrongType(path, 'string', input);
      if (loneSurrogate.test(input)) refuse(path, textReasons.loneSurrogate, { code: 'text.lone_surrogate' });
      if (control.test(input))
        refuse(path, multiline ? textReasons.controlCharactersMultiline : textReasons.controlCharacters, {
          code: 'text.control_characters',
        });
      if (bidiControls.test(input)) refuse(path, textReasons.bidiControls, { code: 'text.bidi_controls' });
      const normalised = input.normalize('NFC').trim();
      if (normalised.length < min) refuse(path, textTooShort(min, minMessage), tooSmall('string', min));
      if (normalised.length > max) refuse(path, textTooLong(max), tooBig('string', max));
      return normalised;
    },
  };
}

const httpLink = 'must be an http(s) link';
const notALink: Coded = { code: 'invalid_format', params: { format: 'url' } };
const asciiTabOrNewline = /[\t\n\r]/g;

/** `httpUrlSchema`: zod's `z.url({ protocol: /^https?$/ })` after a trim and a length limit. */
export function httpUrl(): Check<string> {
  return {
    parse(input, path) {
      if (typeof input !== 'string') return wrongType(path, 'string', input);
      const trimmed = input.trim();
      if (trimmed.length > 2000) refuse(path, 'must be at most 2000 characters', tooBig('string', 2000));
      if (!/^https?:\/\//i.test(trimmed)) refuse(path, httpLink, notALink);
      let protocol: string;
      try {
        protocol = new URL(trimmed).protocol;
      } catch {
        return refuse(path, httpLink, notALink);
      }
      if (!/^https?$/.test(protocol.endsWith(':') ? protocol.slice(0, -1) : protocol))
        refuse(path, httpLink, notALink);
      return trimmed.replace(asciiTabOrNewline, '');
    },
  };
}

/** `z.number().int().min(min).max(max)`. */
export function integer({ min, max }: { min: number; max: number }): Check<number> {
  return {
    parse(input, path) {
      if (typeof input !== 'number' || !Number.isFinite(input)) return wrongType(path, 'number', input);
      if (!Number.isInteger(input))
        refuse(path, 'Invalid input: expected int, received number', {
          code: 'invalid_type',
          params: { expected: 'int' },
        });
      if (input > Number.MAX_SAFE_INTEGER)
        refuse(
          path,
          `Too big: expected int to be <=${Number.MAX_SAFE_INTEGER}`,
          tooBig('int', Number.MAX_SAFE_INTEGER),
        );
      if (input < Number.MIN_SAFE_INTEGER)
        refuse(
          path,
          `Too small: expected int to be >=${Number.MIN_SAFE_INTEGER}`,
          tooSmall('int', Number.MIN_SAFE_INTEGER),
        );
      if (input < min) refuse(path, `Too small: expected number to be >=${min}`, tooSmall('number', min));
      if (input > max) refuse(path, `Too big: expected number to be <=${max}`, tooBig('number', max));
      return input;
    },
  };
}

/** `z.enum(values)`. */
export function oneOf<const T extends string>(values: readonly T[]): Check<T> {
  const reason =
    values.length === 1
      ? `Invalid input: expected ${quoted(values[0])}`
      : `Invalid option: expected one of ${values.map(quoted).join('|')}`;
  return {
    parse: (input, path) =>
      (values as readonly unknown[]).includes(input)
        ? (input as T)
        : refuse(path, reason, { code: 'invalid_value', params: { options: [...values] } }),
  };
}

/** `z.literal(value)`. */
export const literal = <const T extends string>(value: T): Check<T> => oneOf([value]);

export const optional = <T>(check: Check<T>): Check<T | undefined> => ({
  parse: check.parse,
  absent: 'optional',
});

export const withDefault = <T>(check: Check<T>, fallback: () => T): Check<T> => ({
  parse: check.parse,
  absent: { default: fallback },
});

/** `z.array(item)` with size limits, which zod reports before the items. */
export function array<T>(
  item: Check<T>,
  { min, max }: { min?: [number, string?]; max?: [number, string?] } = {},
): Check<T[]> {
  return {
    parse(input, path) {
      if (!Array.isArray(input)) return wrongType(path, 'array', input);
      if (min && input.length < min[0])
        refuse(
          path,
          min[1] ?? `Too small: expected array to have >=${min[0]} items`,
          tooSmall('array', min[0]),
        );
      if (max && input.length > max[0])
        refuse(path, max[1] ?? `Too big: expected array to have <=${max[0]} items`, tooBig('array', max[0]));
      return input.map((value, index) => item.parse(value, [...path, index]));
    },
  };
}

type Shape = Record<string, Check<unknown>>;
type ShapeOutput<S extends Shape> = { [K in keyof S]: CheckOutput<S[K]> };

const isPlainObject = (input: unknown): input is Record<string, unknown> =>
  typeof input === 'object' && input !== null && !Array.isArray(input);

function parseShape<S extends Shape>(shape: S, input: unknown, path: Path, strict: boolean): ShapeOutput<S> {
  if (!isPlainObject(input)) return wrongType(path, 'object', input);
  const output: Record<string, unknown> = {};
  for (const [key, check] of Object.entries(shape)) {
    const value = input[key];
    const absent = value === undefined ? check.absent : undefined;
    if (absent === 'optional') {
      if (key in input) output[key] = undefined;
    } else if (absent) {
      output[key] = absent.default();
    } else {
      output[key] = check.parse(value, [...path, key]);
    }
  }
  const unknownKey = strict ? Object.keys(input).find((key) => !(key in shape)) : undefined;
  if (unknownKey !== undefined)
    refuse([...path, unknownKey], 'is not an allowed field', { code: 'not_allowed' });
  return output as ShapeOutput<S>;
}

/** `z.strictObject(shape)`: a field the shape does not name is refused. */
export const strictObject = <S extends Shape>(shape: S): Check<ShapeOutput<S>> => ({
  parse: (input, path) => parseShape(shape, input, path, true),
});

/** `z.object(shape)`: fields the shape does not name are dropped. */
export const object = <S extends Shape>(shape: S): Check<ShapeOutput<S>> => ({
  parse: (input, path) => parseShape(shape, input, path, false),
});

/** `z.discriminatedUnion(key, options)`, the options keyed by the discriminator's value, in zod's order. */
export function discriminated<T>(key: string, options: Record<string, Check<T>>): Check<T> {
  const reason = `Invalid discriminator value. Expected ${Object.keys(options)
    .map((value) => `'${value}'`)
    .join(' | ')}`;
  return {
    parse(input, path) {
      if (!isPlainObject(input)) return wrongType(path, 'object', input);
      const value = input[key];
      const option = typeof value === 'string' && Object.hasOwn(options, value) ? options[value] : undefined;
      return option ? option.parse(input, path) : refuse([...path, key], reason, { code: 'invalid_union' });
    },
  };
}

/** The checked value, or undefined when the check refuses it. */
export function passes<T>(check: Check<T>, input: unknown): T | undefined {
  try {
    return check.parse(input, []);
  } catch (error) {
    if (error instanceof PayloadRefused) return undefined;
    throw error;
  }
}
