import { randomUUID } from 'node:crypto';
import { systemEnv } from './system';

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
}

/** A small HTTP client for the api that the global setup started. */
export class ApiClient {
  constructor(readonly baseUrl = systemEnv().MITRA_API_URL) {}

  async get<T = unknown>(path: string): Promise<ApiResponse<T>> {
    return this.send<T>('GET', path);
  }

  /** POSTs a command with a fresh idempotency key unless one is given; `null` sends none. */
  async post<T = unknown>(path: string, body: unknown, idempotencyKey: string | null = `test-${randomUUID()}`): Promise<ApiResponse<T>> {
    return this.send<T>('POST', path, body, idempotencyKey ? { 'idempotency-key': idempotencyKey } : {});
  }

  private async send<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const response = await fetch(`${this.baseUrl}/api/v1/${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }
}
