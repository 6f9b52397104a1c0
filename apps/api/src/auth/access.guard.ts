import { Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ErrorCode, MitraError, parseContract, type Actor, type RefusalCode } from '@mitra/contracts';
import { requestContext } from '@mitra/platform';
import { actorOf } from '../actor/current-actor.decorator';
import { UsersService } from '../users/users.service';
import {
  accessPolicyKey,
  type AccessPolicy,
  type PartnershipLocator,
  type RoutePolicy,
} from './access-policy';
import { actsForOthers } from '@mitra/contracts';
import { organisationsNamed, seesEveryPartnership } from './membership';
import { PartnershipAccess } from './partnership-access';
import { sessionTokenOf } from './session-cookie';
import { SessionsService, tokensMatch } from './sessions.service';

const readMethods = new Set(['GET', 'HEAD', 'OPTIONS']);
const forbidden = (refusal: RefusalCode, message: string) =>
  MitraError.refused(ErrorCode.Forbidden, refusal, undefined, message);

/**
 * Runs before every route, in this order: a session (401), its CSRF token on writes (403), the
 * route's policy — role (403), the partnership it concerns (404 for outsiders), the organisation a
 * partner acts for (403). A route without a policy is refused: nothing is open by omission.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionsService,
    private readonly users: UsersService,
    private readonly partnerships: PartnershipAccess,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const policy = this.reflector.get<RoutePolicy | undefined>(accessPolicyKey, context.getHandler());
    if (policy === 'public') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();

    const session = await this.sessions.resolve(sessionTokenOf(request));
    const user = session && (await this.users.active(session.userId));
    if (!session || !user) throw new MitraError(ErrorCode.Unauthenticated, 'Sign in first.');
    if (
      !readMethods.has(request.method) &&
      !tokensMatch(session.csrfToken, request.headers['x-csrf-token'])
    ) {
      throw forbidden('access.csrf_token_wrong', 'CSRF token missing or wrong');
    }
    request.signedIn = { user, csrfToken: session.csrfToken };
    requestContext.enrich({ userId: user.id, role: user.role, organisationId: user.organisationId });

    if (!policy) {
      this.logger.error(`${request.method} ${request.routeOptions.url} has no access policy; refused`);
      throw forbidden('access.route_closed', 'This route is not open to anyone.');
    }
    await this.enforce(policy, actorOf(request.signedIn), request);
    return true;
  }

  private async enforce(policy: AccessPolicy, actor: Actor, request: FastifyRequest): Promise<void> {
    if (!policy.roles.includes(actor.role))
      throw forbidden('access.role_may_not_do_this', `A ${actor.role} may not do this.`);
    let acting = actor;
    if (policy.partnership && !seesEveryPartnership(actor)) {
      const id = this.partnershipReference(policy.partnership, request);
      if (id !== undefined && policy.partnership.in === 'agreement')
        acting = await this.partnerships.actingInAgreement(actor, id);
      else if (id !== undefined) acting = await this.partnerships.actingIn(actor, id);
      if (!policy.roles.includes(acting.role))
        throw forbidden(
          'access.role_in_partnership_may_not_do_this',
          `In this partnership you act as a ${acting.role}, and a ${acting.role} may not do this.`,
        );
      // What the route and the services are told: the role in this partnership.
      request.acting = acting;
      requestContext.enrich({ partnershipId: acting.memberOf ?? id, role: acting.role });
    }
    if (policy.actsFor && actsForOthers(acting, organisationsNamed(policy.actsFor, request))) {
      throw forbidden(
        'access.partner_own_organisation_only',
        'A partner acts only for its own organisation.',
      );
    }
  }

  /** The id, validated as the route's own pipe would (400 before anyone is asked); a list may name none. */
  private partnershipReference(locator: PartnershipLocator, request: FastifyRequest): string | undefined {
    const source: unknown =
      locator.in === 'query' ? request.query : locator.in === 'body' ? request.body : request.params;
    const value =
      typeof source === 'object' && source !== null
        ? (source as Record<string, unknown>)[locator.name]
        : undefined;
    if (value === undefined && locator.in === 'query') return undefined;
    return parseContract(locator.schema, value, locator.name) as string;
  }
}
