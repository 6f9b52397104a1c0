import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { idempotencyKeySchema, parseContract } from '@mitra/contracts';

/** The required `Idempotency-Key` header of every command. */
export const IdempotencyKey = createParamDecorator((_: unknown, context: ExecutionContext): string => {
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  return parseContract(idempotencyKeySchema, request.headers['idempotency-key'], 'Idempotency-Key');
});
