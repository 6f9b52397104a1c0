import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { NatsContext } from '@nestjs/microservices';
import type { MsgHdrs } from 'nats';
import { assertionHeader, type AssertionVerifier } from './actor-assertion';

/**
 * Global guard of every service: a message handler runs only for a message whose assertion verifies
 * (signed by a trusted key, in time, for this subject and this exact payload and actor, not seen before).
 * A refusal is a MitraError, which the RpcErrorFilter answers as the error body.
 */
@Injectable()
export class ActorAssertionGuard implements CanActivate {
  constructor(private readonly verifier: AssertionVerifier) {}

  canActivate(context: ExecutionContext): boolean {
    const rpc = context.switchToRpc();
    const nats = rpc.getContext<NatsContext>();
    const headers = nats.getHeaders() as MsgHdrs | undefined;
    this.verifier.verify(headers?.get(assertionHeader), nats.getSubject(), rpc.getData());
    return true;
  }
}
