import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { MembershipInput, Person, Representative, RepresentativeAssignment } from '@mitra/contracts';
import { isDuplicateKeyError, operator } from '../common/mongo';
import { encodeCursor, type CursorPosition } from '../common/page-cursor';
import { MembershipCommandRecord, MembershipRecord, PastMembershipRecord, PastRepresentativeRecord, PersonRecord, RepresentativeRecord } from './person.schema';

type Stored<T> = T & { _id: { toString(): string } };

const bySince = <T extends { since: Date; organisationId: string }>(a: T, b: T) => a.since.getTime() - b.since.getTime() || a.organisationId.localeCompare(b.organisationId);

function toPerson(record: Stored<PersonRecord>, memberships: MembershipRecord[], past: PastMembershipRecord[]): Person {
  return {
    id: record._id.toString(),
    name: record.name,
    ...(record.email ? { email: record.email } : {}),
    ...(record.phone ? { phone: record.phone } : {}),
    memberships: [...memberships].sort(bySince).map(({ organisationId, role, since }) => ({ organisationId, role, since: since.toISOString() })),
    pastMemberships: [...past].sort(bySince).map(({ organisationId, role, since, endedAt, endedBy }) => ({
      organisationId,
      role,
      since: since.toISOString(),
      endedAt: endedAt.toISOString(),
      endedBy,
    })),
    createdAt: record.createdAt.toISOString(),
    createdBy: record.createdBy,
  };
}

function toRepresentative(record: Pick<RepresentativeRecord, 'partnershipId' | 'personId' | 'organisationId' | 'assignedAt' | 'assignedBy'>): Representative {
  const { partnershipId, personId, organisationId, assignedAt, assignedBy } = record;
  return { partnershipId, personId, organisationId, assignedAt: assignedAt.toISOString(), assignedBy };
}

function toAssignment(record: RepresentativeRecord | PastRepresentativeRecord): RepresentativeAssignment {
  const ended = 'unassignedAt' in record;
  return { ...toRepresentative(record), unassignedAt: ended ? record.unassignedAt.toISOString() : null, unassignedBy: ended ? record.unassignedBy : null };
}

export interface NewPerson {
  name: string;
  email?: string;
  phone?: string;
  memberships: MembershipInput[];
}

export type MembershipCommand = Omit<MembershipCommandRecord, 'applied'>;

/** Who ended something, when, and by which command. */
export interface Ending {
  at: Date;
  by: string;
  idempotencyKey: string;
  inputHash: string;
}

@Injectable()
export class PeopleRepository {
  constructor(
    @InjectModel(PersonRecord.name) private readonly people: Model<PersonRecord>,
    @InjectModel(MembershipRecord.name) private readonly memberships: Model<MembershipRecord>,
    @InjectModel(MembershipCommandRecord.name) private readonly membershipCommands: Model<MembershipCommandRecord>,
    @InjectModel(RepresentativeRecord.name) private readonly representatives: Model<RepresentativeRecord>,
    @InjectModel(PastMembershipRecord.name) private readonly pastMemberships: Model<PastMembershipRecord>,
    @InjectModel(PastRepresentativeRecord.name) private readonly pastRepresentatives: Model<PastRepresentativeRecord>,
  ) {}

  async findById(id: string): Promise<Person | undefined> {
    const [record, memberships, past] = await Promise.all([
      this.people.findById(id).select('-idempotencyKey -inputHash').lean<Stored<PersonRecord>>().exec(),
      this.memberships.find({ personId: id }).lean<MembershipRecord[]>().exec(),
      this.pastMemberships.find({ personId: id }).lean<PastMembershipRecord[]>().exec(),
    ]);
    return record ? toPerson(record, memberships, past) : undefined;
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
    const [people, memberships, past] = await Promise.all([
      this.people.find({ _id: operator({ $in: personIds }) }).select('-idempotencyKey -inputHash').lean<Stored<PersonRecord>[]>().exec(),
      this.memberships.find({ personId: operator({ $in: personIds }) }).lean<MembershipRecord[]>().exec(),
      this.pastMemberships.find({ personId: operator({ $in: personIds }) }).lean<PastMembershipRecord[]>().exec(),
    ]);
    const byId = new Map(people.map((person) => [person._id.toString(), person]));
    const items = personIds.flatMap((id) => {
      const person = byId.get(id);
      const own = <T extends { personId: string }>(list: T[]) => list.filter((entry) => entry.personId === id);
      return person ? [toPerson(person, own(memberships), own(past))] : [];
    });
    const last = records.length > limit ? shown[shown.length - 1] : undefined;
    return { items, total, nextCursor: last ? encodeCursor({ sortKey: '', id: last._id.toString() }) : null };
  }

  /** Adds memberships a registration names, except one that was ended since (its repeat must not bring it back). */
  private async addMemberships(personId: string, memberships: MembershipInput[], since: Date): Promise<void> {
    for (const { organisationId, role } of memberships) {
      if (await this.pastMemberships.exists({ personId, organisationId, since })) continue;
      try {
        await this.memberships.create({ personId, organisationId, role, since });
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
    }
  }

  // ------------------------------------------------------------- ending a membership

  async findMembership(personId: string, organisationId: string): Promise<MembershipRecord | undefined> {
    return (await this.memberships.findOne({ personId, organisationId }).lean<MembershipRecord>().exec()) ?? undefined;
  }

  async findEndedMembershipByKey(idempotencyKey: string): Promise<PastMembershipRecord | undefined> {
    return (await this.pastMemberships.findOne({ idempotencyKey }).lean<PastMembershipRecord>().exec()) ?? undefined;
  }

  /**
   * Records the membership as past, then removes it from the current ones. False when this
   * membership was already recorded as ended (by this command's repeat, or another command).
   */
  async endMembership(membership: MembershipRecord, ending: Ending): Promise<boolean> {
    const { personId, organisationId, role, since } = membership;
    try {
      await this.pastMemberships.create({ personId, organisationId, role, since, endedAt: ending.at, endedBy: ending.by, idempotencyKey: ending.idempotencyKey, inputHash: ending.inputHash });
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
    await this.removeEndedMembership(membership);
    return true;
  }

  /** Removes an ended membership from the current ones; a repeat completes an ending that stopped half-way. */
  async removeEndedMembership(ended: Pick<MembershipRecord, 'personId' | 'organisationId' | 'since'>): Promise<void> {
    // `since` tells this membership from a later one the person may have started since.
    await this.memberships.deleteOne({ personId: ended.personId, organisationId: ended.organisationId, since: ended.since }).exec();
  }

  // ------------------------------------------------------------- representatives

  /** The assignment a command made, current or since unassigned, as it was answered then. */
  async findRepresentativeByKey(idempotencyKey: string): Promise<{ representative: Representative; inputHash: string } | undefined> {
    const record = await this.representatives.findOne({ idempotencyKey }).lean<RepresentativeRecord>().exec();
    if (record) return { representative: toRepresentative(record), inputHash: record.inputHash };
    const past = await this.pastRepresentatives.findOne({ assignKey: idempotencyKey }).lean<PastRepresentativeRecord>().exec();
    return past ? { representative: toRepresentative(past), inputHash: past.assignInputHash } : undefined;
  }

  async findRepresentation(partnershipId: string, personId: string): Promise<Representative | undefined> {
    const record = await this.findRepresentationRecord(partnershipId, personId);
    return record ? toRepresentative(record) : undefined;
  }

  async findRepresentationRecord(partnershipId: string, personId: string): Promise<RepresentativeRecord | undefined> {
    return (await this.representatives.findOne({ partnershipId, personId }).lean<RepresentativeRecord>().exec()) ?? undefined;
  }

  /** The partnerships in which someone acts for one of these organisations now. */
  async partnershipsActingFor(organisationIds: readonly string[]): Promise<Set<string>> {
    if (organisationIds.length === 0) return new Set();
    const records = await this.representatives
      .find({ organisationId: operator({ $in: [...organisationIds] }) })
      .select('partnershipId')
      .lean<RepresentativeRecord[]>()
      .exec();
    return new Set(records.map((record) => record.partnershipId));
  }

  /** The partnerships in which the person acts for the organisation now. */
  async partnershipsRepresented(personId: string, organisationId: string): Promise<string[]> {
    const records = await this.representatives.find({ personId, organisationId }).select('partnershipId').lean<RepresentativeRecord[]>().exec();
    return records.map((record) => record.partnershipId).sort();
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

  async findUnassignmentByKey(idempotencyKey: string): Promise<PastRepresentativeRecord | undefined> {
    return (await this.pastRepresentatives.findOne({ idempotencyKey }).lean<PastRepresentativeRecord>().exec()) ?? undefined;
  }

  /**
   * Records the assignment as ended, then removes it from the current ones. Undefined when it was
   * already recorded as ended (by this command's repeat, or another command).
   */
  async unassignRepresentative(current: RepresentativeRecord, ending: Ending): Promise<RepresentativeAssignment | undefined> {
    const { partnershipId, personId, organisationId, assignedAt, assignedBy } = current;
    try {
      const created = await this.pastRepresentatives.create({
        partnershipId,
        personId,
        organisationId,
        assignedAt,
        assignedBy,
        assignKey: current.idempotencyKey,
        assignInputHash: current.inputHash,
        unassignedAt: ending.at,
        unassignedBy: ending.by,
        idempotencyKey: ending.idempotencyKey,
        inputHash: ending.inputHash,
      });
      await this.removeUnassigned(current);
      return toAssignment(created.toObject());
    } catch (error) {
      if (isDuplicateKeyError(error)) return undefined;
      throw error;
    }
  }

  /** Removes an ended assignment from the current ones; a repeat completes an unassignment that stopped half-way. */
  async removeUnassigned(ended: Pick<RepresentativeRecord, 'partnershipId' | 'personId' | 'assignedAt'>): Promise<void> {
    await this.representatives.deleteOne({ partnershipId: ended.partnershipId, personId: ended.personId, assignedAt: ended.assignedAt }).exec();
  }

  pastAssignment(record: PastRepresentativeRecord): RepresentativeAssignment {
    return toAssignment(record);
  }

  /** Every assignment of the partnership, current and ended, in the order they were made. */
  async representativeHistory(partnershipId: string): Promise<RepresentativeAssignment[]> {
    const [current, past] = await Promise.all([
      this.representatives.find({ partnershipId }).lean<RepresentativeRecord[]>().exec(),
      this.pastRepresentatives.find({ partnershipId }).lean<PastRepresentativeRecord[]>().exec(),
    ]);
    return [...current, ...past]
      .map(toAssignment)
      .sort((a, b) => a.assignedAt.localeCompare(b.assignedAt) || a.personId.localeCompare(b.personId));
  }
}
