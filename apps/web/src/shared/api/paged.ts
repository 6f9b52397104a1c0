/** A page of `GET` lists read from the inbox projection: the rows, how many there are, and the next page's cursor. */
export interface Paged<T> {
  items: T[];
  total: number;
  nextCursor?: string;
  unavailable: string[];
}

/** Checks a paged body, keeping the rows `isItem` accepts. */
export function pagedOf<T>(body: unknown, isItem: (value: unknown) => value is T): Paged<T> {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const items = Array.isArray(record.items) ? record.items.filter(isItem) : [];
  return {
    items,
    total: typeof record.total === 'number' ? record.total : items.length,
    ...(typeof record.nextCursor === 'string' ? { nextCursor: record.nextCursor } : {}),
    unavailable: Array.isArray(record.unavailable)
      ? record.unavailable.filter((name): name is string => typeof name === 'string')
      : [],
  };
}

/** The pages read so far as one list: every row, the total of the latest page. */
export function joinedPages<T>(pages: readonly Paged<T>[]): Paged<T> {
  const last = pages.at(-1);
  return {
    items: pages.flatMap((page) => page.items),
    total: last?.total ?? 0,
    ...(last?.nextCursor ? { nextCursor: last.nextCursor } : {}),
    unavailable: [...new Set(pages.flatMap((page) => page.unavailable))],
  };
}
