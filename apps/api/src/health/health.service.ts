import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { temporal } from '@temporalio/proto';
import mongoose from 'mongoose';
import {
  healthContract,
  lifecycleTaskQueue,
  serviceNames,
  type DependencyHealth,
  type HealthReport,
  type ServiceName,
} from '@mitra/contracts';
import { ServiceClient } from '@mitra/platform';
import { API_CONFIG, type ApiConfig } from '../config';
import { NatsConnectionHolder } from '../nats/nats-connection';
import { TemporalClient } from '../temporal/temporal-client';

type Probe = () => Promise<string | void>;

/** A worker that has not polled its task queue for this long is reported down. */
const workerPollWindowMs = 70_000;

@Injectable()
export class HealthService implements OnApplicationShutdown {
  private readonly database: mongoose.Connection;

  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly temporal: TemporalClient,
    private readonly nats: NatsConnectionHolder,
    private readonly services: ServiceClient,
  ) {
    // Only to tell whether the database answers; the api owns no data.
    this.database = mongoose.createConnection(config.MONGO_URL, { serverSelectionTimeoutMS: config.HEALTH_TIMEOUT_MS });
    this.database.on('error', () => undefined);
  }

  async report(): Promise<HealthReport> {
    const dependencies = await Promise.all([
      this.check('temporal', 'server', () => this.pingTemporal()),
      this.check('nats', 'server', () => this.pingNats()),
      this.check('database', 'server', () => this.pingDatabase()),
      ...serviceNames.map((service) => this.check(service, 'service', () => this.pingService(service))),
      this.check('worker', 'worker', () => this.pingWorker()),
    ]);
    return {
      status: dependencies.every((d) => d.status === 'up') ? 'up' : 'degraded',
      checkedAt: new Date().toISOString(),
      dependencies,
    };
  }

  private async check(name: string, kind: DependencyHealth['kind'], probe: Probe): Promise<DependencyHealth> {
    const started = performance.now();
    const latency = () => Math.round((performance.now() - started) * 100) / 100;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.config.HEALTH_TIMEOUT_MS} ms`)), this.config.HEALTH_TIMEOUT_MS);
    });
    try {
      const detail = await Promise.race([probe(), timedOut]);
      return { name, kind, status: 'up', latencyMs: latency(), ...(detail ? { detail } : {}) };
    } catch (error) {
      return { name, kind, status: 'down', latencyMs: latency(), detail: error instanceof Error ? error.message : String(error) };
    } finally {
      clearTimeout(timer);
    }
  }

  private async pingTemporal(): Promise<void> {
    await this.temporal.connection.ensureConnected();
    await this.temporal.connection.workflowService.getSystemInfo({});
  }

  private async pingNats(): Promise<void> {
    const connection = this.nats.current();
    if (!connection) throw new Error('not connected');
    await connection.rtt();
  }

  private async pingDatabase(): Promise<void> {
    const db = (await this.database.asPromise()).db;
    if (!db) throw new Error('not connected');
    await db.admin().ping();
  }

  private async pingService(service: ServiceName): Promise<void> {
    const reply = await this.services.send(healthContract(service), {}, { timeoutMs: this.config.HEALTH_TIMEOUT_MS });
    if (reply.status !== 'up') throw new Error('its database is down');
  }

  private async pingWorker(): Promise<string> {
    await this.temporal.connection.ensureConnected();
    const { pollers } = await this.temporal.connection.workflowService.describeTaskQueue({
      namespace: this.config.TEMPORAL_NAMESPACE,
      taskQueue: { name: lifecycleTaskQueue, kind: temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
      taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
    });
    const recent = (pollers ?? []).filter((poller) => {
      const seconds = Number(poller.lastAccessTime?.seconds ?? 0);
      return Date.now() - seconds * 1000 < workerPollWindowMs;
    });
    if (recent.length === 0) throw new Error(`no worker polls task queue ${lifecycleTaskQueue}`);
    return `${recent.length} poller(s) on ${lifecycleTaskQueue}`;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}
