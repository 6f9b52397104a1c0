import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { idempotencyKeySchema, parseContract } from '@mitra/contracts';

/** The required `Idempotency-Key` header of every command. */
export const IdempotencyKey = createParamDecorator((_: unknown, context: ExecutionContext): string => {
  const request = context.switchToHttp().getRequest<Request>();
  return parseContract(idempotencyKeySchema, request.header('idempotency-key'), 'Idempotency-Key');
});
