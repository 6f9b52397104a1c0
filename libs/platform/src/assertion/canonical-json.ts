/**
 * The JSON text of a value with every object's keys sorted. The signer hashes the payload it sends and
 * the verifier the payload it parsed; sorting makes both texts the same whatever order the keys were
 * built or parsed in (a Date becomes its ISO string first, as on the wire).
 *
 * Written out rather than as JSON.stringify with a key-sorting replacer: it runs several times on every
 * message, and the replacer's copy of each object tripled its cost.
 */
export function canonicalJson(value: unknown): string {
  return written(value) ?? 'null';
}

/** What JSON.stringify writes for `value`, keys sorted; undefined where it leaves a member out. */
function written(value: unknown): string | undefined {
  const json = hasToJson(value) ? value.toJSON() : value;
  switch (typeof json) {
    case 'string':
    case 'number':
    case 'bigint': // throws, as JSON.stringify does
      return JSON.stringify(json);
    case 'boolean':
      return json ? 'true' : 'false';
    case 'object':
      if (json === null) return 'null';
      return Array.isArray(json) ? writtenArray(json) : writtenObject(json as Record<string, unknown>);
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
  }
}

function hasToJson(value: unknown): value is { toJSON(): unknown } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  );
}

function writtenArray(items: readonly unknown[]): string {
  let text = '[';
  for (let index = 0; index < items.length; index++) {
    if (index > 0) text += ',';
    text += written(items[index]) ?? 'null';
  }
  return `${text}]`;
}

function writtenObject(record: Record<string, unknown>): string {
  let text = '';
  for (const key of Object.keys(record).sort()) {
    const member = written(record[key]);
    if (member === undefined) continue;
    text += `${text ? ',' : ''}${JSON.stringify(key)}:${member}`;
  }
  return `{${text}}`;
}
