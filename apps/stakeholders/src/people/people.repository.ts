import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { MembershipInput, Person, Representative } from '@mitra/contracts';
import { isDuplicateKeyError, operator } from '../common/mongo';
import { encodeCursor, type CursorPosition } from '../common/page-cursor';
import { MembershipCommandRecord, MembershipRecord, PersonRecord, RepresentativeRecord } from './person.schema';

type Stored<T> = T & { _id: { toString(): string } };

function toPerson(record: Stored<PersonRecord>, memberships: MembershipRecord[]): Person {
  return {
    id: record._id.toString(),
    name: record.name,
    ...(record.email ? { email: record.email } : {}),
    ...(record.phone ? { phone: record.phone } : {}),
    memberships: memberships
      .sort((a, b) => a.since.getTime() - b.since.getTime() || a.organisationId.localeCompare(b.organisationId))
      .map(({ organisationId, role, since }) => ({ organisationId, role, since: since.toISOString() })),
    createdAt: record.createdAt.toISOString(),
    createdBy: record.createdBy,
  };
}

function toRepresentative(record: RepresentativeRecord): Representative {
  const { partnershipId, personId, organisationId, assignedAt, assignedBy } = record;
  return { partnershipId, personId, organisationId, assignedAt: assignedAt.toISOString(), assignedBy };
}

export interface NewPerson {
  name: string;
  email?: string;
  phone?: string;
  memberships: MembershipInput[];
}

export type MembershipCommand = Omit<MembershipCommandRecord, 'applied'>;

@Injectable()
export class PeopleRepository {
  constructor(
    @InjectModel(PersonRecord.name) private readonly people: Model<PersonRecord>,
    @InjectModel(MembershipRecord.name) private readonly memberships: Model<MembershipRecord>,
    @InjectModel(MembershipCommandRecord.name) private readonly membershipCommands: Model<MembershipCommandRecord>,
    @InjectModel(RepresentativeRecord.name) private readonly representatives: Model<RepresentativeRecord>,
  ) {}

  async findById(id: string): Promise<Person | undefined> {
    const [record, memberships] = await Promise.all([
      this.people.findById(id).select('-idempotencyKey -inputHash').lean<Stored<PersonRecord>>().exec(),
      this.memberships.find({ personId: id }).lean<MembershipRecord[]>().exec(),
    ]);
    return record ? toPerson(record, memberships) : undefined;
  }

  async findByIdempotencyKey(idempotencyKey: string): Promise<{ person: Person; inputHash: string } | undefined> {
    const record = await this.people.findOne({ idempotencyKey }).lean<Stored<PersonRecord>>().exec();
    if (!record) return undefined;
    // A registration that stopped between its writes is completed by its repeat.
    await this.addMemberships(record._id.toString(), record.initialMemberships, record.createdAt);
    const person = await this.findById(record._id.toString());
    return person ? { person, inputHash: record.inputHash } : undefined;
  }

  /** Registers once per key (the unique index decides a race), then adds the memberships. */
  async insert(person: NewPerson, meta: { by: string; at: Date; idempotencyKey: string; inputHash: string }): Promise<{ person: Person; inputHash: string }> {
    try {
      const { memberships, ...fields } = person;
      const created = await this.people.create({
        ...fields,
        initialMemberships: memberships,
        createdAt: meta.at,
        createdBy: meta.by,
        idempotencyKey: meta.idempotencyKey,
        inputHash: meta.inputHash,
      });
      const id = created._id.toString();
      await this.addMemberships(id, memberships, meta.at);
      return { person: (await this.findById(id))!, inputHash: meta.inputHash };
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const existing = await this.findByIdempotencyKey(meta.idempotencyKey);
      if (!existing) throw error;
      return existing;
    }
  }

  /** Claims a membership command's key; the command already recorded under it when taken. */
  async claimMembershipCommand(command: MembershipCommand): Promise<MembershipCommandRecord | undefined> {
    try {
      await this.membershipCommands.create({ ...command, applied: false });
      return undefined;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const existing = await this.membershipCommands.findOne({ idempotencyKey: command.idempotencyKey }).lean<MembershipCommandRecord>().exec();
      if (!existing) throw error;
      return existing;
    }
  }

  /** Adds the membership, or sets the role of the one the person has in that organisation. */
  async applyMembershipCommand(command: MembershipCommand, at: Date): Promise<void> {
    const { personId, organisationId, role } = command;
    try {
      await this.memberships.create({ personId, organisationId, role, since: at });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      await this.memberships.updateOne({ personId, organisationId }, { $set: { role } }).exec();
    }
    await this.membershipCommands.updateOne({ idempotencyKey: command.idempotencyKey }, { $set: { applied: true } }).exec();
  }

  async listMembers(organisationId: string, limit: number, after?: CursorPosition): Promise<{ items: Person[]; total: number; nextCursor: string | null }> {
    const page = after ? { organisationId, _id: operator({ $gt: after.id }) } : { organisationId };
    const [records, total] = await Promise.all([
      this.memberships.find(page).sort({ _id: 1 }).limit(limit + 1).lean<Stored<MembershipRecord>[]>().exec(),
      this.memberships.countDocuments({ organisationId }).exec(),
    ]);
    const shown = records.slice(0, limit);
    const personIds = shown.map((membership) => membership.personId);
    const [people, memberships] = await Promise.all([
      this.people.find({ _id: operator({ $in: personIds }) }).select('-idempotencyKey -inputHash').lean<Stored<PersonRecord>[]>().exec(),
      this.memberships.find({ personId: operator({ $in: personIds }) }).lean<MembershipRecord[]>().exec(),
    ]);
    const byId = new Map(people.map((person) => [person._id.toString(), person]));
    const items = personIds.flatMap((id) => {
      const person = byId.get(id);
      return person ? [toPerson(person, memberships.filter((membership) => membership.personId === id))] : [];
    });
    const last = records.length > limit ? shown[shown.length - 1] : undefined;
    return { items, total, nextCursor: last ? encodeCursor({ sortKey: '', id: last._id.toString() }) : null };
  }

  private async addMemberships(personId: string, memberships: MembershipInput[], since: Date): Promise<void> {
    for (const { organisationId, role } of memberships) {
      try {
        await this.memberships.create({ personId, organisationId, role, since });
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
    }
  }

  // ------------------------------------------------------------- representatives

  async findRepresentativeByKey(idempotencyKey: string): Promise<{ representative: Representative; inputHash: string } | undefined> {
    const record = await this.representatives.findOne({ idempotencyKey }).lean<RepresentativeRecord>().exec();
    return record ? { representative: toRepresentative(record), inputHash: record.inputHash } : undefined;
  }

  async findRepresentation(partnershipId: string, personId: string): Promise<Representative | undefined> {
    const record = await this.representatives.findOne({ partnershipId, personId }).lean<RepresentativeRecord>().exec();
    return record ? toRepresentative(record) : undefined;
  }

  /** Inserts unless this key, or this person in this partnership, is already recorded (then undefined). */
  async insertRepresentative(representative: Omit<RepresentativeRecord, 'assignedAt'> & { assignedAt: Date }): Promise<Representative | undefined> {
    try {
      const created = await this.representatives.create(representative);
      return toRepresentative(created.toObject());
    } catch (error) {
      if (isDuplicateKeyError(error)) return undefined;
      throw error;
    }
  }

  async listRepresentatives(partnershipId: string): Promise<Representative[]> {
    const records = await this.representatives.find({ partnershipId }).sort({ assignedAt: 1, _id: 1 }).lean<RepresentativeRecord[]>().exec();
    return records.map(toRepresentative);
  }
}
