import { newIdempotencyKey } from '#shared/api';

/**
 * The idempotency keys of one form: one per intended submission. Sending the same body again (a double
 * click, a retry after a timeout) reuses its key, so the api stores it once; a changed body is a new
 * submission with a new key, and so is the next one after a success.
 */
export interface CommandKeys {
  keyFor(body: unknown): string;
  /** The last submission was stored: the next one, even with the same body, is a new command. */
  succeeded(): void;
}

export function commandKeys(newKey: () => string = newIdempotencyKey): CommandKeys {
  let last: { body: string; key: string } | undefined;
  return {
    keyFor(body) {
      const sent = JSON.stringify(body);
      if (last?.body !== sent) last = { body: sent, key: newKey() };
      return last.key;
    },
    succeeded() {
      last = undefined;
    },
  };
}
