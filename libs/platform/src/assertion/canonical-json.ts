/**
 * The JSON text of a value with every object's keys sorted. The signer hashes the payload it sends and
 * the verifier the payload it parsed; sorting makes both texts the same whatever order the keys were
 * built or parsed in (a Date becomes its ISO string first, as on the wire).
 */
export function canonicalJson(value: unknown): string {
  return (
    JSON.stringify(value, (_key, current: unknown) =>
      current !== null && typeof current === 'object' && !Array.isArray(current)
        ? Object.fromEntries(
            Object.keys(current)
              .sort()
              .map((key) => [key, (current as Record<string, unknown>)[key]]),
          )
        : current,
    ) ?? 'null'
  );
}
