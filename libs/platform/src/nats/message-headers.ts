import type { Contract } from '@mitra/contracts';

/**
 * The one place where a request gets its NATS headers, e.g. a signed assertion of the acting user
 * (`Mitra-Assertion`) that the receiving service verifies before it trusts `actor`.
 */
export interface MessageHeaders {
  headersFor(contract: Contract, payload: unknown): Record<string, string> | Promise<Record<string, string>>;
}


export const noMessageHeaders: MessageHeaders = { headersFor: () => ({}) };
