import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { NatsContext } from '@nestjs/microservices';
import { actorSchema, parseContract, type Contract, type ContractPayload } from '@mitra/contracts';
import { AccessPolicyCheck } from './access-policy.check';
import { contractMetadataKey } from './handles.decorator';

/**
 * A check every handled message passes before its handler runs: given the contract (its access policy), the
 * validated payload and the NATS headers. A check refuses by throwing a MitraError (FORBIDDEN, NOT_FOUND…).
 * Verifying a signed actor and authorising against `contract.access` plug in here.
 */
export interface ContractCheck {
  check<C extends Contract>(
    contract: C,
    payload: ContractPayload<C>,
    message: NatsContext,
  ): void | Promise<void>;
}

/**
 * On every message whose handler is `@Handles(contract)`: the contract's access policy (`AccessPolicyCheck`),
 * then the service's own checks, in order.
 */
export class ContractGuard implements CanActivate {
  private readonly access = new AccessPolicyCheck();

  constructor(
    private readonly reflector: Reflector,
    private readonly checks: readonly ContractCheck[],
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'rpc') return true;
    const contract = this.reflector.get<Contract | undefined>(contractMetadataKey, context.getHandler());
    if (!contract) return true;
    const data: unknown = context.switchToRpc().getData();
    // What the policy refuses is refused before anything else of the message is read (403, not 400); a
    // message without a well-formed actor fails validation below.
    const actor = actorSchema.safeParse((data as { actor?: unknown } | null)?.actor);
    if (actor.success) this.access.check(contract, actor.data, data);
    // Guards run before pipes: validate here too, so that a check only ever sees a well-formed payload.
    const payload = parseContract(contract.payload, data);
    for (const check of this.checks)
      await check.check(contract, payload, context.switchToRpc().getContext<NatsContext>());
    return true;
  }
}
