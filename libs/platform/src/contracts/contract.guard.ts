import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { NatsContext } from '@nestjs/microservices';
import { parseContract, type Contract, type ContractPayload } from '@mitra/contracts';
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

/** Runs the service's contract checks, in order, on every message whose handler is `@Handles(contract)`. */
export class ContractGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly checks: readonly ContractCheck[],
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'rpc' || this.checks.length === 0) return true;
    const contract = this.reflector.get<Contract | undefined>(contractMetadataKey, context.getHandler());
    if (!contract) return true;
    // Guards run before pipes: validate here too, so that a check only ever sees a well-formed payload.
    const payload = parseContract(contract.payload, context.switchToRpc().getData());
    for (const check of this.checks)
      await check.check(contract, payload, context.switchToRpc().getContext<NatsContext>());
    return true;
  }
}
