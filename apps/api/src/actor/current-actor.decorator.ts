import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ErrorCode, MitraError, type Actor } from '@mitra/contracts';
import type { SignedIn } from '../users/user-contracts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the AccessGuard for every route that is not public. */
    signedIn?: SignedIn;
    /** Set by the AccessGuard for a route about one partnership: the user as it acts there (see `roleIn`). */
    acting?: Actor;
  }
}

/** The signed-in user as the services know it: passed on in every command, so each service authorises on it again. */
export function actorOf({ user }: SignedIn): Actor {
  return {
    userId: user.id,
    role: user.role,
    ...(user.organisationId ? { organisationId: user.organisationId } : {}),
  };
}

export function signedInOf(request: FastifyRequest): SignedIn {
  // Only a public route has no session, and a public route asks for no actor.
  if (!request.signedIn) throw new MitraError(ErrorCode.Unauthenticated, 'Sign in first.');
  return request.signedIn;
}

/** The actor a route passes on: as it acts in the route's partnership, if the route concerns one. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  return request.acting ?? actorOf(signedInOf(request));
});

export const CurrentSession = createParamDecorator((_: unknown, context: ExecutionContext): SignedIn =>
  signedInOf(context.switchToHttp().getRequest<FastifyRequest>()),
);
