import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request } from 'express';
import { ErrorCode, MitraError } from '@mitra/contracts';

export const signInWindowMs = 60_000;

/**
 * Counts sign-in attempts per client address and email, so guessing one account's password is slow
 * while colleagues behind the same address still sign in. Over the limit: 429 with Retry-After.
 */
@Injectable()
export class SignInThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(request: Request): Promise<string> {
    const email: unknown = (request.body as { email?: unknown } | undefined)?.email;
    return `${request.ip ?? ''}|${typeof email === 'string' ? email.trim().toLowerCase() : ''}`;
  }

  protected override async throwThrottlingException(): Promise<void> {
    throw new MitraError(
      ErrorCode.TooManyRequests,
      'Too many sign-in attempts; wait a minute and try again.',
    );
  }
}
