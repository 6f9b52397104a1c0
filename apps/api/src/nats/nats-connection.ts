import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit, Inject } from '@nestjs/common';
import { connect, type NatsConnection } from 'nats';
import { natsConnectionOptions } from '@mitra/platform';
import { API_CONFIG, type ApiConfig } from '../config';

/** A raw nats.js connection for what the Nest transport cannot do (round-trip time, streams). */
@Injectable()
export class NatsConnectionHolder implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(NatsConnectionHolder.name);
  private connection?: NatsConnection;

  constructor(@Inject(API_CONFIG) private readonly config: ApiConfig) {}

  onModuleInit(): void {
    // Keep trying in the background: the api serves (and reports NATS down) while NATS is away.
    connect({ ...natsConnectionOptions(this.config), name: 'api', waitOnFirstConnect: true })
      .then((connection) => (this.connection = connection))
      .catch((error: unknown) => this.logger.error(`NATS connection failed: ${String(error)}`));
  }

  current(): NatsConnection | undefined {
    return this.connection && !this.connection.isClosed() ? this.connection : undefined;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection?.close();
  }
}
