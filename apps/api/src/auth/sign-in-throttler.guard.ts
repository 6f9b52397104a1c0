import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail, type ThrottlerOptions } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode, MitraError } from '@mitra/contracts';

export const signInWindowMs = 60_000;

/** Per client address and email: guessing one account's password is slow, colleagues behind the same address still sign in. */
export const accountTracker = (request: FastifyRequest): string => {
  const email: unknown = (request.body as { email?: unknown } | undefined)?.email;
  return `${request.ip}|${typeof email === 'string' ? email.trim().toLowerCase() : ''}`;
};

/** Per client address alone: one password sprayed over many emails is slowed as well. */
export const addressTracker = (request: FastifyRequest): string => request.ip;

/** The two sign-in limits; the per-account one keeps the default name, so its 429 carries a plain Retry-After. */
export function signInThrottlers(limits: { perAccount: number; perAddress: number }): ThrottlerOptions[] {
  return [
    {
      name: 'default',
      ttl: signInWindowMs,
      limit: limits.perAccount,
      getTracker: (request) => accountTracker(request as FastifyRequest),
    },
    {
      name: 'address',
      ttl: signInWindowMs,
      limit: limits.perAddress,
      getTracker: (request) => addressTracker(request as FastifyRequest),
    },
  ];
}

/** Guards the sign-in route with `signInThrottlers`. Over either limit: 429 with Retry-After. */
@Injectable()
export class SignInThrottlerGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(
    context: ExecutionContext,
    limit: ThrottlerLimitDetail,
  ): Promise<void> {
    void context.switchToHttp().getResponse<FastifyReply>().header('Retry-After', limit.timeToBlockExpire);
    throw new MitraError(
      ErrorCode.TooManyRequests,
      'Too many sign-in attempts; wait a minute and try again.',
    );
  }
}
