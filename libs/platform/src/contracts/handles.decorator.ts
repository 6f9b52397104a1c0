import { SetMetadata } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { parseContract, type Contract, type ContractPayload, type ContractReply } from '@mitra/contracts';

export const contractMetadataKey = 'mitra:contract';

type Handler<C extends Contract> = (
  payload: ContractPayload<C>,
  ...rest: never[]
) => Promise<ContractReply<C>> | ContractReply<C>;

/**
 * Makes a controller method the handler of a contract: it listens on the contract's subject, receives the
 * payload validated against the contract (VALIDATION_FAILED naming each bad field otherwise), must answer the
 * contract's reply type, and exposes the contract to guards (`ContractGuard`).
 */
export function Handles<C extends Contract>(contract: C) {
  return <H extends Handler<C>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<H>,
  ): void => {
    MessagePattern(contract.subject)(target, key, descriptor);
    SetMetadata(contractMetadataKey, contract)(target, key, descriptor);
    Payload({ transform: (value: unknown) => parseContract(contract.payload, value) })(target, key, 0);
  };
}
