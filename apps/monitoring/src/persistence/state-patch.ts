import { canonicalize } from '@mitra/domain';

/** A key of an element of a collection (an id, a year). */
export type ElementKey = string | number;

/** The top-level arrays of a document whose elements are told apart by a field (`reports` by `id`). */
export type CollectionKeys = Readonly<Record<string, string>>;

/** What one command changed in a top-level array. */
export interface CollectionPatch {
  /** Elements added at the end (an append-only list, or new elements of a collection). */
  append?: unknown[];
  /** The field the elements of `upsert`, `remove` and `order` are told apart by. */
  key?: string;
  /** Elements replaced (each keeps its place) or, when the key is new, added at the end. */
  upsert?: unknown[];
  remove?: ElementKey[];
  /** The keys in their new order, when the upserts alone do not give it. */
  order?: ElementKey[];
}

/**
 * What one command changed in a document of top-level fields (a monitoring plan, a partnership's
 * publications): the fields it replaced, the ones it removed, and the arrays it changed element by
 * element. Applied to the document before the command, it gives the document after it, exactly.
 */
export interface StatePatch {
  set?: Record<string, unknown>;
  unset?: string[];
  arrays?: Record<string, CollectionPatch>;
}

/** Where the reply of a command is found again: the document after it, an element of it, or the reply itself. */
export type ResultReference =
  | { kind: 'document' }
  | { kind: 'element'; collection: string; field: string; key: ElementKey }
  | { kind: 'value'; value: unknown };

type Fields = Record<string, unknown>;

const same = (a: unknown, b: unknown) => (a === undefined || b === undefined ? a === b : canonicalize(a) === canonicalize(b));
const isRecord = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);
const keyOf = (element: unknown, key: string): ElementKey | undefined => {
  const value = isRecord(element) ? element[key] : undefined;
  return typeof value === 'string' || typeof value === 'number' ? value : undefined;
};

/** The keys of a list whose every element has a distinct key; undefined otherwise. */
function keysOf(list: unknown[], key: string): ElementKey[] | undefined {
  const keys = list.map((element) => keyOf(element, key));
  if (keys.some((k) => k === undefined) || new Set(keys).size !== keys.length) return undefined;
  return keys as ElementKey[];
}

function diffArray(before: unknown[], after: unknown[], key: string | undefined): CollectionPatch | undefined {
  if (after.length >= before.length && before.every((element, i) => same(element, after[i]))) {
    return after.length === before.length ? undefined : { append: after.slice(before.length) };
  }
  if (key === undefined) return undefined;
  const beforeKeys = keysOf(before, key);
  const afterKeys = keysOf(after, key);
  if (!beforeKeys || !afterKeys) return undefined;
  const previous = new Map(beforeKeys.map((k, i) => [k, before[i]]));
  const upsert = after.filter((element, i) => !previous.has(afterKeys[i]!) || !same(previous.get(afterKeys[i]!), element));
  const kept = new Set(afterKeys);
  const remove = beforeKeys.filter((k) => !kept.has(k));
  const patch: CollectionPatch = { key, ...(upsert.length > 0 ? { upsert } : {}), ...(remove.length > 0 ? { remove } : {}) };
  const applied = applyArray(before, patch);
  if (!same(applied.map((element) => keyOf(element, key)), afterKeys)) patch.order = afterKeys;
  return patch;
}

/** Replaces or adds the upserted elements in place, removes, then orders; appends last. */
function applyArray(list: unknown[], patch: CollectionPatch): unknown[] {
  let next = [...list];
  const { key } = patch;
  if (key !== undefined) {
    for (const element of patch.upsert ?? []) {
      const k = keyOf(element, key);
      const at = next.findIndex((existing) => keyOf(existing, key) === k);
      if (at >= 0) next[at] = element;
      else next.push(element);
    }
    if (patch.remove) {
      const removed = new Set(patch.remove);
      next = next.filter((element) => !removed.has(keyOf(element, key)!));
    }
    if (patch.order) {
      const byKey = new Map(next.map((element) => [keyOf(element, key), element]));
      next = patch.order.map((k) => {
        if (!byKey.has(k)) throw new Error(`a patch orders ${String(k)}, which the ${key}s do not hold`);
        return byKey.get(k);
      });
    }
  }
  return [...next, ...(patch.append ?? [])];
}

/** The document after `patch`; `document` itself is left as it was. */
export function applyPatch<T extends object>(document: T, patch: StatePatch): T {
  const next: Fields = { ...(document as Fields) };
  for (const [field, value] of Object.entries(patch.set ?? {})) next[field] = value;
  for (const field of patch.unset ?? []) delete next[field];
  for (const [field, change] of Object.entries(patch.arrays ?? {})) {
    const list = next[field] ?? [];
    if (!Array.isArray(list)) throw new Error(`a patch changes ${field} as a list, which it is not`);
    next[field] = applyArray(list, change);
  }
  return next as T;
}

/**
 * What changed from `before` to `after`: each top-level array element by element where that gives it
 * (appended at the end, or upserted by the key `collections` names), any other changed field whole.
 * The patch is checked: should applying it not give `after` exactly, every changed field is set whole.
 */
export function diffState(before: object, after: object, collections: CollectionKeys): StatePatch {
  const from = before as Fields;
  const to = after as Fields;
  const set: Fields = {};
  const unset: string[] = [];
  const arrays: Record<string, CollectionPatch> = {};
  for (const field of new Set([...Object.keys(from), ...Object.keys(to)])) {
    const was = from[field];
    const is = to[field];
    if (is === undefined) {
      if (was !== undefined) unset.push(field);
      continue;
    }
    if (same(was, is)) continue;
    const list = Array.isArray(is) && (was === undefined || Array.isArray(was)) ? diffArray((was as unknown[] | undefined) ?? [], is, collections[field]) : undefined;
    if (list) arrays[field] = list;
    else set[field] = is;
  }
  const patch: StatePatch = {
    ...(Object.keys(set).length > 0 ? { set } : {}),
    ...(unset.length > 0 ? { unset } : {}),
    ...(Object.keys(arrays).length > 0 ? { arrays } : {}),
  };
  if (same(applyPatch(before, patch), after)) return patch;
  // Never expected; a whole field is always right.
  const whole = Object.fromEntries(Object.keys(to).filter((field) => to[field] !== undefined && !same(from[field], to[field])).map((field) => [field, to[field]]));
  return { ...(Object.keys(whole).length > 0 ? { set: whole } : {}), ...(unset.length > 0 ? { unset } : {}) };
}

/**
 * Where the reply is found in the document after the command, so that a repeated command gets it
 * without the reply being stored a second time; a reply found nowhere is kept as it is.
 */
export function referenceTo(result: unknown, after: object, collections: CollectionKeys): ResultReference {
  if (same(result, after)) return { kind: 'document' };
  for (const [collection, key] of Object.entries(collections)) {
    const k = keyOf(result, key);
    const list = (after as Fields)[collection];
    if (k === undefined || !Array.isArray(list)) continue;
    const element = list.find((candidate) => keyOf(candidate, key) === k);
    if (element !== undefined && same(element, result)) return { kind: 'element', collection, field: key, key: k };
  }
  return { kind: 'value', value: result };
}

/** The reply a reference names, in the document after its command. */
export function resolveReference(reference: ResultReference, after: object): unknown {
  switch (reference.kind) {
    case 'document':
      return after;
    case 'value':
      return reference.value;
    case 'element': {
      const list = (after as Fields)[reference.collection];
      const element = Array.isArray(list) ? list.find((candidate) => keyOf(candidate, reference.field) === reference.key) : undefined;
      if (element === undefined) throw new Error(`the reply ${reference.collection}[${String(reference.key)}] is not in the document`);
      return element;
    }
  }
}
