import { Logger, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Transport, type MicroserviceOptions } from '@nestjs/microservices';
import { serviceQueueGroup, type ServiceName } from '@mitra/contracts';
import { loadConfig, natsConfigSchema } from '../config';
import { RpcErrorFilter } from '../errors';
import { natsConnectionOptions } from '../nats';

/** The launcher and the tests wait for this line. */
export function announceReady(app: string): void {
  Logger.log(`[mitra] ${app} ready`, 'Bootstrap');
}

/**
 * Starts a domain service on the NATS transport. All replicas of a service share one queue group,
 * so each request is handled once however many run.
 */
export async function bootstrapService(service: ServiceName, module: Type): Promise<void> {
  const config = loadConfig(natsConfigSchema);
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(module, {
    transport: Transport.NATS,
    options: { ...natsConnectionOptions(config), queue: serviceQueueGroup(service) },
  });
  app.useGlobalFilters(new RpcErrorFilter());
  app.enableShutdownHooks();
  await app.listen();
  announceReady(service);
}
