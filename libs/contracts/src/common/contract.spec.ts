import { z } from 'zod';
import { AgreementsContracts } from '../agreements/contracts';
import { FundingContracts } from '../funding/contracts';
import { healthContract, serviceNames } from '../health/health';
import { MonitoringContracts, PublicationContracts } from '../monitoring/contracts';
import { StakeholdersContracts } from '../stakeholders/contracts';
import { staff } from './access-policy';
import {
  contractTimeouts,
  defineCommand,
  defineQuery,
  partnershipCommand,
  type Contract,
} from './contract';
import { parseContract } from './validation';

const groups = {
  agreements: AgreementsContracts,
  funding: FundingContracts,
  monitoring: { ...MonitoringContracts, ...PublicationContracts },
  stakeholders: StakeholdersContracts,
} as const;
const every: [string, Contract][] = [
  ...Object.entries(groups).flatMap(([service, contracts]) =>
    Object.entries(contracts as Record<string, Contract>).map(([name, contract]): [string, Contract] => [
      `${service}.${name}`,
      contract,
    ]),
  ),
  ...serviceNames.map((service): [string, Contract] => [`${service}.health`, healthContract(service)]),
];

describe('defineCommand and defineQuery', () => {
  const payload = partnershipCommand({ note: z.string() });

  it('mark a command as a write that waits the write timeout unless told otherwise', () => {
    const command = defineCommand({
      subject: 'test.note.add',
      payload,
      reply: z.object({}),
      access: { roles: staff },
    });
    expect(command).toMatchObject({
      kind: 'command',
      timeoutMs: contractTimeouts.write,
      access: { roles: staff, readOnly: false },
    });
    expect(Object.isFrozen(command)).toBe(true);
    expect(
      defineCommand({
        subject: 'test.note.add',
        payload,
        reply: z.object({}),
        access: 'public',
        timeoutMs: 42,
      }).timeoutMs,
    ).toBe(42);
  });

  it('mark a query as read-only with the read timeout', () => {
    const query = defineQuery({
      subject: 'test.note.get',
      payload: z.strictObject({}),
      reply: z.array(z.string()),
      access: { roles: staff },
    });
    expect(query).toMatchObject({
      kind: 'query',
      timeoutMs: contractTimeouts.read,
      access: { readOnly: true },
    });
  });
});

describe('the command envelope', () => {
  const payload = partnershipCommand({ note: z.string() });

  it('requires the idempotency key, the actor and the partnership, naming each missing field', () => {
    expect(() => parseContract(payload, { note: 'x' })).toThrow(
      expect.objectContaining({
        errors: expect.arrayContaining([
          expect.objectContaining({ field: 'idempotencyKey', reason: 'is required' }),
          expect.objectContaining({ field: 'actor', reason: 'is required' }),
          expect.objectContaining({ field: 'partnershipId', reason: 'is required' }),
        ]),
      }),
    );
  });

  it('refuses a field the contract does not name', () => {
    const valid = {
      idempotencyKey: 'key-12345',
      actor: { userId: 'u', role: 'admin' },
      partnershipId: 'a'.repeat(20),
      note: 'x',
    };
    expect(parseContract(payload, valid)).toEqual(valid);
    expect(() => parseContract(payload, { ...valid, sneaky: true })).toThrow(
      expect.objectContaining({ errors: [{ field: 'sneaky', reason: 'is not an allowed field', code: 'not_allowed' }] }),
    );
  });

  it('refuses a partnership id that is not one', () => {
    const invalid = {
      idempotencyKey: 'key-12345',
      actor: { userId: 'u', role: 'admin' },
      partnershipId: 'p-1',
      note: 'x',
    };
    expect(() => parseContract(payload, invalid)).toThrow(
      expect.objectContaining({ errors: [expect.objectContaining({ field: 'partnershipId', reason: 'must be a partnership id' })] }),
    );
  });
});

describe('every contract', () => {
  it('has a subject of its own, under its service', () => {
    const subjects = every.map(([, contract]) => contract.subject);
    expect(new Set(subjects).size).toBe(subjects.length);
    for (const [name, contract] of every)
      expect(`${name} ${contract.subject}`).toMatch(new RegExp(`^(\\w+)\\.\\w+ \\1\\.`));
  });

  it('carries an idempotency key and an actor when it is a command', () => {
    const commands = every.filter(([, contract]) => contract.kind === 'command');
    expect(commands.length).toBeGreaterThan(30);
    for (const [name, contract] of commands) {
      const result = contract.payload.safeParse({});
      const missing = result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
      expect({ name, missing }).toEqual({
        name,
        missing: expect.arrayContaining(['idempotencyKey', 'actor']),
      });
    }
  });

  it('states who may send it', () => {
    for (const [name, contract] of every) {
      const roles = contract.access === 'public' ? 'public' : contract.access.roles;
      expect({ name, roles }).toEqual({
        name,
        roles: roles === 'public' ? 'public' : expect.arrayContaining([expect.any(String)]),
      });
    }
  });

  it('waits no longer than the heaviest class allows', () => {
    for (const [, contract] of every) expect(contract.timeoutMs).toBeLessThanOrEqual(contractTimeouts.heavy);
  });
});
