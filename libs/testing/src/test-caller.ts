import {
  contractOfSubject,
  needsMembership,
  partnershipNamed,
  type Actor,
  type Contract,
} from '@mitra/contracts';

/**
 * A test speaking to a service directly plays the api: its coordinators and partners are vouched members of the
 * partnership a message names, as the api vouches after finding them in it (an actor that already names one is
 * left as it is, so a test can send an outsider). For `createServiceClient(testCallerConfig(), vouchedAsTheApi)`.
 */
export function vouchedAsTheApi(contract: Contract | undefined, payload: unknown): unknown {
  if (!contract || contract.access === 'public') return payload;
  const actor = (payload as { actor?: Actor } | null)?.actor;
  const partnershipId = partnershipNamed(contract.access, payload);
  if (!actor || actor.memberOf !== undefined || !needsMembership(actor, partnershipId)) return payload;
  return { ...(payload as object), actor: { ...actor, memberOf: partnershipId } };
}

/** The same for Nest's client, which knows the subject only: `signingNatsClientProxy(testCallerConfig(), vouchedBySubject)`. */
export function vouchedBySubject(subject: string, payload: unknown): unknown {
  return vouchedAsTheApi(contractOfSubject(subject), payload);
}

/**
 * A service's reply, checked against its contract's reply schema as the api's `ServiceClient` checks it, so a
 * test that speaks Nest's client to a service directly still proves the service answers within its contract.
 */
export function withinContract<T>(subject: string, reply: T): T {
  const parsed = contractOfSubject(subject)?.reply.safeParse(reply);
  if (parsed && !parsed.success)
    throw new Error(`${subject} answered outside its contract: ${parsed.error.message}`);
  return reply;
}
