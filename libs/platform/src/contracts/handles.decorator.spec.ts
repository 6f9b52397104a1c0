import 'reflect-metadata';
import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { z } from 'zod';
import {
  defineCommand,
  ErrorCode,
  MitraError,
  partnershipCommand,
  staff,
  type ContractPayload,
} from '@mitra/contracts';
import { ContractGuard, type ContractCheck } from './contract.guard';
import { contractMetadataKey, Handles } from './handles.decorator';

const SaveNote = defineCommand({
  subject: 'test.note.save',
  payload: partnershipCommand({ note: z.string().min(1, 'must not be empty') }),
  reply: z.object({ saved: z.string() }),
  access: { roles: staff, partnership: { in: 'payload', path: 'partnershipId' } },
});

class NotesController {
  @Handles(SaveNote)
  save(command: ContractPayload<typeof SaveNote>): { saved: string } {
    return { saved: command.note };
  }
}

const valid = {
  idempotencyKey: 'key-12345678',
  // Vouched a member of the partnership it names, as the api vouches (see AccessPolicyCheck).
  actor: { userId: 'u-1', role: 'coordinator', memberOf: 'a'.repeat(20) },
  partnershipId: 'a'.repeat(20),
  note: 'catatan',
};

/** The pipe Nest runs on the handler's first parameter (`@Payload`), as its route-argument metadata holds it. */
function payloadPipe(): { transform(value: unknown): unknown } {
  const args = Reflect.getMetadata('__routeArguments__', NotesController, 'save') as Record<
    string,
    { index: number; pipes: { transform(value: unknown): unknown }[] }
  >;
  const payload = Object.values(args).find((arg) => arg.index === 0);
  if (!payload) throw new Error('no @Payload on parameter 0');
  return payload.pipes[0];
}

function rpcContext(data: unknown): ExecutionContext {
  return {
    getType: () => 'rpc',
    getHandler: () => NotesController.prototype.save,
    switchToRpc: () => ({ getData: () => data, getContext: () => ({ getHeaders: () => undefined }) }),
  } as unknown as ExecutionContext;
}

describe('@Handles', () => {
  it("listens on the contract's subject and exposes the contract to guards", () => {
    expect(Reflect.getMetadata('microservices:pattern', NotesController.prototype.save)).toEqual([
      SaveNote.subject,
    ]);
    expect(Reflect.getMetadata(contractMetadataKey, NotesController.prototype.save)).toBe(SaveNote);
  });

  it('validates the payload against the contract, naming the bad field', () => {
    expect(payloadPipe().transform(valid)).toEqual(valid);
    expect(() => payloadPipe().transform({ ...valid, note: '' })).toThrow(
      expect.objectContaining({
        code: ErrorCode.ValidationFailed,
        errors: [{ field: 'note', reason: 'must not be empty', code: 'required' }],
      }),
    );
  });
});

describe('ContractGuard', () => {
  it('runs every check with the contract and the validated payload', async () => {
    const seen: unknown[] = [];
    const check: ContractCheck = {
      check: (contract, payload) => void seen.push([contract.subject, payload]),
    };
    await expect(new ContractGuard(new Reflector(), [check]).canActivate(rpcContext(valid))).resolves.toBe(
      true,
    );
    expect(seen).toEqual([[SaveNote.subject, valid]]);
  });

  it('refuses a payload that breaks the contract before any check sees it', async () => {
    const check: ContractCheck = { check: jest.fn() };
    await expect(
      new ContractGuard(new Reflector(), [check]).canActivate(rpcContext({ ...valid, actor: undefined })),
    ).rejects.toThrow(MitraError);
    expect(check.check).not.toHaveBeenCalled();
  });

  it("passes on a check's refusal", async () => {
    const refuse: ContractCheck = {
      check: () => {
        throw new MitraError(ErrorCode.Forbidden, 'not yours');
      },
    };
    await expect(
      new ContractGuard(new Reflector(), [refuse]).canActivate(rpcContext(valid)),
    ).rejects.toMatchObject({ code: ErrorCode.Forbidden });
  });
});
