/**
 * JSON canonicalisation after RFC 8785 (JCS): object members sorted by the UTF-16 code units of
 * their names, no whitespace, strings and numbers serialised as ECMAScript's JSON.stringify does.
 * The same value always gives the same text, whatever order its members were built or stored in.
 *
 * Refused, because they have no single JSON form: non-finite numbers, lone surrogates, and values
 * that are not JSON (functions, symbols, bigints, dates, class instances). Members whose value is
 * `undefined` are left out, as JSON.stringify does.
 */
export function canonicalize(value: unknown): string {
  return serialise(value, '$');
}

export class CanonicalizationError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'CanonicalizationError';
  }
}

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function serialiseString(value: string, path: string): string {
  if (loneSurrogate.test(value)) throw new CanonicalizationError(path, 'contains a lone surrogate');
  return JSON.stringify(value);
}

function serialise(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalizationError(path, 'is not a finite number');
      // ECMAScript's Number-to-String is the number form JCS prescribes (and -0 becomes 0).
      return JSON.stringify(value);
    case 'string':
      return serialiseString(value, path);
    case 'object':
      return Array.isArray(value) ? serialiseArray(value, path) : serialiseObject(value, path);
    case 'undefined':
    case 'bigint':
    case 'function':
    case 'symbol':
      break;
  }
  throw new CanonicalizationError(path, `a ${typeof value} has no JSON form`);
}

function serialiseArray(values: unknown[], path: string): string {
  const items: string[] = [];
  for (let index = 0; index < values.length; index++) {
    // JSON.stringify writes holes and undefined items as null.
    const item = values[index];
    items.push(item === undefined ? 'null' : serialise(item, `${path}[${index}]`));
  }
  return `[${items.join(',')}]`;
}

function serialiseObject(value: object, path: string): string {
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) {
    throw new CanonicalizationError(path, 'is not a plain object');
  }
  const record = value as Record<string, unknown>;
  // Default sort compares UTF-16 code units, which is what RFC 8785 asks for.
  const names = Object.keys(record)
    .filter((name) => record[name] !== undefined)
    .sort();
  const members = names.map((name) => `${serialiseString(name, path)}:${serialise(record[name], `${path}.${name}`)}`);
  return `{${members.join(',')}}`;
}
