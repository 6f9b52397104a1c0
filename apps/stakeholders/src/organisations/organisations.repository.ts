import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { CreateOrganisationInput, Organisation } from '@mitra/contracts';
import { OrganisationRecord } from './organisation.schema';

type StoredOrganisation = OrganisationRecord & { _id: { toString(): string } };

const duplicateKeyCode = 11000;

function toOrganisation(record: StoredOrganisation): Organisation {
  return {
    id: record._id.toString(),
    name: record.name,
    sector: record.sector,
    region: record.region,
    contacts: record.contacts.map(({ name, email, phone }) => ({
      name,
      ...(email ? { email } : {}),
      ...(phone ? { phone } : {}),
    })),
    createdAt: record.createdAt.toISOString(),
    createdBy: record.createdBy,
  };
}

export interface StoredByKey {
  organisation: Organisation;
  inputHash: string;
}

@Injectable()
export class OrganisationsRepository {
  constructor(@InjectModel(OrganisationRecord.name) private readonly model: Model<OrganisationRecord>) {}

  async findById(id: string): Promise<Organisation | undefined> {
    const record = await this.model.findById(id).lean<StoredOrganisation>().exec();
    return record ? toOrganisation(record) : undefined;
  }

  async findByIdempotencyKey(idempotencyKey: string): Promise<StoredByKey | undefined> {
    const record = await this.model.findOne({ idempotencyKey }).lean<StoredOrganisation>().exec();
    return record ? { organisation: toOrganisation(record), inputHash: record.inputHash } : undefined;
  }

  /** Inserts once per key; a concurrent insert with the same key loses to the unique index. */
  async insert(
    input: CreateOrganisationInput,
    meta: { createdBy: string; idempotencyKey: string; inputHash: string },
  ): Promise<StoredByKey> {
    try {
      const created = await this.model.create({ ...input, ...meta });
      return { organisation: toOrganisation(created.toObject() as StoredOrganisation), inputHash: meta.inputHash };
    } catch (error) {
      if ((error as { code?: number }).code !== duplicateKeyCode) throw error;
      const existing = await this.findByIdempotencyKey(meta.idempotencyKey);
      if (!existing) throw error;
      return existing;
    }
  }
}
