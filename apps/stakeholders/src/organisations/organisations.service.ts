import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import {
  ErrorCode,
  MitraError,
  type CreateOrganisationCommand,
  type GetOrganisationQuery,
  type Organisation,
} from '@mitra/contracts';
import { OrganisationsRepository } from './organisations.repository';

function hashInput(input: unknown): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('hex');
}

@Injectable()
export class OrganisationsService {
  constructor(private readonly organisations: OrganisationsRepository) {}

  async create(command: CreateOrganisationCommand): Promise<Organisation> {
    const inputHash = hashInput(command.organisation);
    const stored =
      (await this.organisations.findByIdempotencyKey(command.idempotencyKey)) ??
      (await this.organisations.insert(command.organisation, {
        createdBy: command.actor.userId,
        idempotencyKey: command.idempotencyKey,
        inputHash,
      }));
    if (stored.inputHash !== inputHash) {
      throw new MitraError(ErrorCode.Conflict, 'This idempotency key was already used for a different organisation.');
    }
    return stored.organisation;
  }

  async get(query: GetOrganisationQuery): Promise<Organisation> {
    const organisation = await this.organisations.findById(query.id);
    if (!organisation) throw MitraError.notFound('The organisation');
    return organisation;
  }
}
