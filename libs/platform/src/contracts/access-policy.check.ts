import {
  actsForOthers,
  ErrorCode,
  MitraError,
  needsMembership,
  organisationsAt,
  partnershipNamed,
  type Actor,
  type Contract,
  type RefusalCode,
} from '@mitra/contracts';

const forbidden = (refusal: RefusalCode, message: string) =>
  MitraError.refused(ErrorCode.Forbidden, refusal, undefined, message);

/**
 * Every service enforces the contract's access policy on the actor that the signed assertion proved
 * (ActorAssertionGuard ran first): the role, as the actor acts in the partnership the message is about
 * (the api signs a coordinator of another partnership as a partner there), may send it; a partner acts
 * only for its own organisation. The same table the api's routes follow: a message that reaches a
 * service without passing the api is judged by the same rules.
 */
export class AccessPolicyCheck {
  /**
   * Before the payload is validated, as the api does with a request's raw body: who may not send the message
   * learns nothing about its shape. The organisations named are the strings at the `actsFor` paths (anything
   * else there fails validation afterwards).
   */
  check(contract: Contract, actor: Actor, data: unknown): void {
    if (contract.access === 'public') return;
    if (!contract.access.roles.includes(actor.role))
      throw forbidden('access.role_may_not_do_this', `A ${actor.role} may not send ${contract.subject}.`);
    // As the api answers an outsider: 404, the partnership's existence not confirmed.
    const partnershipId = partnershipNamed(contract.access, data);
    if (needsMembership(actor, partnershipId) && actor.memberOf !== partnershipId)
      throw MitraError.notFound('The partnership');
    if (contract.access.actsFor && actsForOthers(actor, organisationsAt(contract.access.actsFor, data)))
      throw forbidden(
        'access.partner_own_organisation_only',
        'A partner acts only for its own organisation.',
      );
  }
}
