import { randomUUID } from 'node:crypto';
import type { ClientProxy } from '@nestjs/microservices';
import { firstValueFrom, timeout } from 'rxjs';
import {
  ErrorCode,
  partnershipNamed,
  roles,
  serviceContracts,
  type Contract,
  type ErrorBody,
  type Role,
} from '@mitra/contracts';
import { testCallerConfig } from '@mitra/testing';
import { signingNatsClientProxy } from '../nats';

const everyContract = serviceContracts;
const partnershipId = 'a1b2c3d4e5f6a7b8c9d0';
const otherPartnershipId = 'f0e1d2c3b4a5968778695a4b';

/** Every (contract, role) the policy table refuses: generated from the contracts, not listed by hand. */
const refusals = everyContract.flatMap((contract) =>
  contract.access === 'public'
    ? []
    : roles
        .filter((role) => !(contract.access as { roles: readonly Role[] }).roles.includes(role))
        .map((role) => ({ contract, role })),
);

/** Every contract a partner may send for an organisation it names: each is also sent naming another one. */
const actingForOthers = everyContract.flatMap((contract) =>
  contract.access !== 'public' && contract.access.roles.includes('partner') && contract.access.actsFor
    ? [{ contract, paths: contract.access.actsFor.map((locator) => locator.path) }]
    : [],
);

/**
 * Every (contract, role) where the role may send a message about a partnership named in the payload, for roles
 * that see only their own partnerships: each is sent as a member, as a member of another partnership and
 * as nobody's member.
 */
const membershipCases = everyContract.flatMap((contract) => {
  if (contract.access === 'public' || !contract.access.partnership || contract.access.partnership.of === 'agreement')
    return [];
  const path = contract.access.partnership.path;
  return (['coordinator', 'partner'] as const)
    .filter((role) => (contract.access as { roles: readonly Role[] }).roles.includes(role))
    .map((role) => ({ contract, role, path }));
});

/** `{ a: { b: [{ c: value }] } }` for `a.b.*.c`: the value where a path names it. */
function placedAt(path: string, value: string, into: Record<string, unknown>): Record<string, unknown> {
  const [head, ...rest] = path.split('.');
  if (rest.length === 0) return { ...into, [head!]: value };
  if (rest[0] === '*')
    return { ...into, [head!]: [rest.length === 1 ? value : placedAt(rest.slice(1).join('.'), value, {})] };
  return {
    ...into,
    [head!]: placedAt(rest.join('.'), value, (into[head!] as Record<string, unknown>) ?? {}),
  };
}

describe('authorization in every service, from the policy table of the contracts', () => {
  let client: ClientProxy;

  beforeAll(async () => {
    // Signed, so the assertion passes: what is left to refuse the message is the policy.
    client = signingNatsClientProxy(testCallerConfig());
    await client.connect();
  });
  afterAll(async () => {
    await client.close();
  });

  async function outcome(
    contract: Contract,
    payload: Record<string, unknown>,
  ): Promise<ErrorBody | 'handled'> {
    try {
      await firstValueFrom(client.send(contract.subject, payload).pipe(timeout(contract.timeoutMs)));
      return 'handled';
    } catch (error) {
      return error as ErrorBody;
    }
  }

  it('refuses more than a handful of (contract, role) pairs, and knows where partners name organisations', () => {
    // Auditors never write, partners never do a coordinator's work: the table is not empty.
    expect(refusals.length).toBeGreaterThan(30);
    expect(actingForOthers.length).toBeGreaterThan(5);
    expect(membershipCases.length).toBeGreaterThan(30);
  });

  it.each(membershipCases.map(({ contract, role, path }) => [contract.subject, role, contract, path] as const))(
    'answers %s to a %s of another partnership, or of none, as to an outsider (404), and lets a member past',
    async (_subject, role, contract, path) => {
      const actor = { userId: `matriks-${role}`, role, organisationId: '64f0000000000000000000aa' };
      const message = (memberOf?: string) =>
        placedAt(path, partnershipId, {
          actor: memberOf ? { ...actor, memberOf } : actor,
          idempotencyKey: `matrix-${randomUUID()}`,
        });
      expect(partnershipNamed(contract.access as Exclude<Contract['access'], 'public'>, message())).toBe(partnershipId);
      for (const outsider of [message(otherPartnershipId), message()])
        expect(await outcome(contract, outsider)).toMatchObject({ code: ErrorCode.NotFound });
      // A member passes the membership check: whatever answers now is about the message, not about who sent it.
      const member = await outcome(contract, message(partnershipId));
      if (member !== 'handled') expect(member.code).not.toBe(ErrorCode.Forbidden);
      if (member !== 'handled') expect(member.message).not.toBe('The partnership was not found.');
    },
  );

  it.each(
    actingForOthers.map(
      ({ contract, paths }) => [contract.subject, paths.join(', '), contract, paths] as const,
    ),
  )(
    'refuses %s to a partner naming another organisation at %s',
    async (_subject, _paths, contract, paths) => {
      const own = '64f0000000000000000000aa';
      const other = '64f0000000000000000000bb';
      const payload = paths.reduce((built, path) => placedAt(path, other, built), {
        actor: { userId: 'matriks-partner', role: 'partner', organisationId: own, memberOf: partnershipId },
        idempotencyKey: `matrix-${randomUUID()}`,
        partnershipId,
      } as Record<string, unknown>);
      expect(await outcome(contract, payload)).toMatchObject({
        code: ErrorCode.Forbidden,
        message: 'A partner acts only for its own organisation.',
        refusal: { code: 'access.partner_own_organisation_only' },
      });
    },
  );

  it.each(refusals.map(({ contract, role }) => [contract.subject, role, contract] as const))(
    'refuses %s to a %s before reading anything else of the message',
    async (_subject, role, contract) => {
      const result = await outcome(contract, {
        actor: { userId: `matriks-${role}`, role, organisationId: '64f0000000000000000000aa' },
        idempotencyKey: `matrix-${randomUUID()}`,
        partnershipId,
      });
      expect(result).toMatchObject({
        code: ErrorCode.Forbidden,
        refusal: { code: 'access.role_may_not_do_this' },
      });
    },
  );
});
