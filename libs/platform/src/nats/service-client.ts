import { DynamicModule, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ClientProxy, ClientProxyFactory, Transport } from '@nestjs/microservices';
import { firstValueFrom, timeout } from 'rxjs';
import { isErrorBody, MitraError } from '@mitra/contracts';
import { loadConfig, natsConfigSchema, type NatsConfig } from '../config';
import { natsConnectionOptions } from './connection-options';

const NATS_CLIENT = Symbol('NATS_CLIENT');
const NATS_TIMEOUT_MS = Symbol('NATS_TIMEOUT_MS');

/**
 * Request/reply to the services. Every request is bounded (the transport has no timeout of its own)
 * and a silent or unreachable service becomes SERVICE_UNAVAILABLE, never a hang.
 */
@Injectable()
export class ServiceClient implements OnApplicationShutdown {
  constructor(
    @Inject(NATS_CLIENT) private readonly client: ClientProxy,
    @Inject(NATS_TIMEOUT_MS) private readonly timeoutMs: number,
  ) {}

  async request<TReply>(subject: string, payload: unknown, timeoutMs = this.timeoutMs): Promise<TReply> {
    try {
      return await firstValueFrom(this.client.send<TReply>(subject, payload).pipe(timeout(timeoutMs)));
    } catch (error) {
      if (isErrorBody(error)) throw MitraError.fromBody(error);
      throw MitraError.unavailable(`The ${subject.split('.')[0]} service`);
    }
  }

  /** Fire-and-forget event on core NATS. */
  emit(subject: string, payload: unknown): void {
    this.client.emit(subject, payload).subscribe({ error: () => undefined });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}

function natsClientProxy(config: NatsConfig): ClientProxy {
  return ClientProxyFactory.create({ transport: Transport.NATS, options: natsConnectionOptions(config) });
}

/** A service client outside a Nest application (the Temporal worker's activities). */
export function createServiceClient(config: NatsConfig): ServiceClient {
  return new ServiceClient(natsClientProxy(config), config.NATS_REQUEST_TIMEOUT_MS);
}

@Module({})
export class ServiceClientModule {
  static forRoot(): DynamicModule {
    return {
      module: ServiceClientModule,
      global: true,
      providers: [
        {
          provide: NATS_CLIENT,
          useFactory: () => natsClientProxy(loadConfig(natsConfigSchema)),
        },
        { provide: NATS_TIMEOUT_MS, useFactory: () => loadConfig(natsConfigSchema).NATS_REQUEST_TIMEOUT_MS },
        ServiceClient,
      ],
      exports: [ServiceClient],
    };
  }
}
