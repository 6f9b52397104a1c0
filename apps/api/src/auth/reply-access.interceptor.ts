import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { mergeMap, type Observable } from 'rxjs';
import { ErrorCode, MitraError } from '@mitra/contracts';
import { actorOf, signedInOf } from '../actor/current-actor.decorator';
import { accessPolicyKey, type RoutePolicy } from './access-policy';
import { seesEveryPartnership } from './membership';
import { PartnershipAccess } from './partnership-access';

interface OfPartnership {
  partnershipId: string;
}

/** Checks what a reply names against the partnerships a coordinator or partner may see (see `AccessPolicy.reply`). */
@Injectable()
export class ReplyAccessInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly access: PartnershipAccess,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const policy = this.reflector.get<RoutePolicy | undefined>(accessPolicyKey, context.getHandler());
    if (typeof policy !== 'object' || !policy.reply) return next.handle();
    const actor = actorOf(signedInOf(context.switchToHttp().getRequest<FastifyRequest>()));
    if (seesEveryPartnership(actor)) return next.handle();
    if (policy.reply === 'partnership') {
      return next.handle().pipe(
        mergeMap(async (reply: OfPartnership) => {
          if (await this.access.maySee(actor, reply.partnershipId)) return reply;
          throw MitraError.refused(
            ErrorCode.Conflict,
            'api.idempotency_key_reused',
            undefined,
            'This Idempotency-Key was already used for another request.',
          );
        }),
      );
    }
    return next.handle().pipe(
      mergeMap(async (items: OfPartnership[]) => {
        const seen = new Set<string>();
        for (const id of new Set(items.map((item) => item.partnershipId)))
          if (await this.access.maySee(actor, id)) seen.add(id);
        return items.filter((item) => seen.has(item.partnershipId));
      }),
    );
  }
}
