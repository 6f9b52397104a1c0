import { Logger, type INestMicroservice, type Type } from '@nestjs/common';
import { NestFactory, Reflector } from '@nestjs/core';
import { Transport, type MicroserviceOptions } from '@nestjs/microservices';
import { serviceQueueGroup, type ServiceName } from '@mitra/contracts';
import { loadConfig, natsConfigSchema } from '../config';
import {
  ActorAssertionGuard,
  assertionVerifyingConfigSchema,
  loadAssertionVerifier,
  type AssertionVerifier,
} from '../assertion';
import { ContractGuard, type ContractCheck } from '../contracts';
import { RpcErrorFilter } from '../errors';
import { JsonLogger, RequestContextInterceptor } from '../logging';
import { serveMetrics } from '../metrics';
import { natsConnectionOptions } from '../nats';

/** The launcher and the tests wait for this line. */
export function announceReady(app: string): void {
  Logger.log(`[mitra] ${app} ready`, 'Bootstrap');
}

/**
 * The pipeline every service runs on each message: the error filter, the request context (logged, timed), the
 * assertion guard, then the contract guard with `checks`, in order. `verifier` is null only where a measurement
 * needs the same pipeline without the assertion (tools/bench); a service always verifies.
 */
export function useServicePipeline(
  app: INestMicroservice,
  logger: JsonLogger,
  pipeline: { verifier: AssertionVerifier | null; checks: readonly ContractCheck[] },
): void {
  app.useGlobalFilters(new RpcErrorFilter());
  app.useGlobalInterceptors(new RequestContextInterceptor(logger));
  app.useGlobalGuards(
    ...(pipeline.verifier ? [new ActorAssertionGuard(pipeline.verifier)] : []),
    new ContractGuard(app.get(Reflector), pipeline.checks),
  );
}

/**
 * Starts a domain service on the NATS transport. All replicas of a service share one queue group,
 * so each request is handled once however many run. No handler runs for a message whose signed actor
 * assertion does not verify (ActorAssertionGuard); then `checks` (providers of the module) run, in order, on
 * every contract message before its handler.
 */
export async function bootstrapService(
  service: ServiceName,
  module: Type,
  options: { checks?: readonly Type<ContractCheck>[] } = {},
): Promise<void> {
  const config = loadConfig(natsConfigSchema.extend(assertionVerifyingConfigSchema.shape));
  const logger = new JsonLogger(service);
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(module, {
    transport: Transport.NATS,
    options: { ...natsConnectionOptions(config), queue: serviceQueueGroup(service) },
    bufferLogs: true,
  });
  app.useLogger(logger);
  useServicePipeline(app, logger, {
    verifier: loadAssertionVerifier(config),
    checks: (options.checks ?? []).map((check) => app.get(check)),
  });
  app.enableShutdownHooks();
  await app.listen();
  await serveMetrics(service);
  announceReady(service);
}
