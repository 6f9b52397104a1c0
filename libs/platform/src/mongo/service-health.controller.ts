import { Controller, type Type } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import {
  healthContract,
  type ServiceHealth,
  type ServiceName,
} from '@mitra/contracts';
import { Handles } from '../contracts';

const pingTimeoutMs = 1000;

async function pingDatabase(connection: Connection): Promise<{ status: 'up' | 'down'; latencyMs: number }> {
  const started = performance.now();
  try {
    if (connection.readyState !== 1 || !connection.db) throw new Error('not connected');
    await Promise.race([
      connection.db.admin().ping(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('ping timed out')), pingTimeoutMs).unref()),
    ]);
    return { status: 'up', latencyMs: performance.now() - started };
  } catch {
    return { status: 'down', latencyMs: performance.now() - started };
  }
}

/** Answers `<service>.health.check` with the service's own view of its database. */
export function serviceHealthController(service: ServiceName): Type {
  @Controller()
  class ServiceHealthController {
    constructor(@InjectConnection() private readonly connection: Connection) {}

    @Handles(healthContract(service))
    async check(): Promise<ServiceHealth> {
      const database = await pingDatabase(this.connection);
      return { service, status: database.status, database };
    }
  }
  return ServiceHealthController;
}
