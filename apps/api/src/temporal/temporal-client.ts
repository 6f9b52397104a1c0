import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { requestContextClientInterceptor } from '@mitra/platform/temporal';
import { API_CONFIG, type ApiConfig } from '../config';

/** Connects on first use, so the api starts (and reports Temporal down) while Temporal is away. */
@Injectable()
export class TemporalClient implements OnApplicationShutdown {
  readonly connection: Connection;
  readonly client: Client;

  constructor(@Inject(API_CONFIG) readonly config: ApiConfig) {
    this.connection = Connection.lazy({ address: config.TEMPORAL_ADDRESS, connectTimeout: 2000 });
    // Each call carries the request's context into the workflow's log lines.
    this.client = new Client({
      connection: this.connection,
      namespace: config.TEMPORAL_NAMESPACE,
      interceptors: { workflow: [requestContextClientInterceptor] },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}
