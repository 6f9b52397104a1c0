import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  MitraError,
  type AssignRepresentativeCommand,
  type EndMembershipCommand,
  type FieldError,
  type GetPersonQuery,
  type ListRepresentativeHistoryQuery,
  type ListRepresentativesQuery,
  type Person,
  type PersonPage,
  type Representative,
  type RepresentativeAssignment,
  type SetMembershipCommand,
  type UnassignRepresentativeCommand,
  StakeholdersContracts,
  type ContractPayload,
} from '@mitra/contracts';
import {
  mayAssignRepresentative,
  mayListMembers,
  mayManageMembership,
  mayReadOrganisations,
  mayRegisterPerson,
  maySeeContactDetails,
  maySeePerson,
} from '@mitra/domain';
import { conflict, ensureAllowed } from '../common/service-errors';
import { hashInput } from '../common/input-hash';
import { decodeCursor } from '../common/page-cursor';
import { OrganisationsRepository } from '../organisations/organisations.repository';
import { PeopleRepository } from './people.repository';

type CreatePerson = ContractPayload<typeof StakeholdersContracts.CreatePerson>;
type ListMembers = ContractPayload<typeof StakeholdersContracts.ListMembers>;

const memberOf = (person: Person) => person.memberships.map((membership) => membership.organisationId);
/** The organisations whose people a partner sees: those the person belongs to now or did before. */
const knownTo = (person: Person) => [
  ...memberOf(person),
  ...person.pastMemberships.map((membership) => membership.organisationId),
];

@Injectable()
export class PeopleService {
  constructor(
    private readonly people: PeopleRepository,
    private readonly organisations: OrganisationsRepository,
  ) {}

  async create(command: CreatePerson): Promise<Person> {
    const organisationIds = command.person.memberships.map((membership) => membership.organisationId);
    ensureAllowed(mayRegisterPerson(command.actor, organisationIds), 'register this person');
    const inputHash = hashInput(command.person);
    const repeated = await this.people.findByIdempotencyKey(command.idempotencyKey);
    if (repeated) return this.sameInput(repeated.inputHash, inputHash, repeated.person);

    await this.ensureOrganisationsExist(
      organisationIds,
      (index) => `person.memberships.${index}.organisationId`,
    );
    const stored = await this.people.insert(command.person, {
      by: command.actor.userId,
      at: new Date(),
      idempotencyKey: command.idempotencyKey,
      inputHash,
    });
    return this.sameInput(stored.inputHash, inputHash, stored.person);
  }

  async get(query: GetPersonQuery): Promise<Person> {
    return this.shownTo(query.actor, await this.visiblePerson(query.actor, query.id));
  }

  /** Adds the person to an organisation or changes its role there. */
  async setMembership(command: SetMembershipCommand): Promise<Person> {
    const { organisationId, role } = command.membership;
    ensureAllowed(mayManageMembership(command.actor, organisationId), "manage this organisation's members");
    await this.ensureOrganisationsExist([organisationId], () => 'membership.organisationId');
    await this.visiblePerson(command.actor, command.personId);

    const membershipCommand = {
      idempotencyKey: command.idempotencyKey,
      inputHash: hashInput({ personId: command.personId, membership: command.membership }),
      personId: command.personId,
      organisationId,
      role,
    };
    const earlier = await this.people.claimMembershipCommand(membershipCommand);
    if (earlier) this.sameInput(earlier.inputHash, membershipCommand.inputHash, earlier);
    // A repeat applies only what its first attempt left unapplied.
    if (!earlier?.applied) await this.people.applyMembershipCommand(membershipCommand, new Date());
    return this.shownTo(command.actor, await this.visiblePerson(command.actor, command.personId));
  }

  /**
   * Ends the person's membership of an organisation: it moves to the person's past memberships with
   * who ended it and when. Refused while the person still acts for that organisation in a partnership.
   */
  async endMembership(command: EndMembershipCommand): Promise<Person> {
    const { actor, personId, organisationId, idempotencyKey } = command;
    ensureAllowed(mayManageMembership(actor, organisationId), "manage this organisation's members");
    const inputHash = hashInput({ personId, organisationId, ended: true });
    const repeated = await this.people.findEndedMembershipByKey(idempotencyKey);
    if (repeated) {
      this.sameInput(repeated.inputHash, inputHash, repeated);
      await this.people.removeEndedMembership(repeated);
      return this.shownTo(actor, await this.visiblePerson(actor, personId));
    }

    await this.visiblePerson(actor, personId);
    const membership = await this.people.findMembership(personId, organisationId);
    if (!membership) throw MitraError.notFound('The membership');
    const represented = await this.people.partnershipsRepresented(personId, organisationId);
    if (represented.length > 0) {
      throw MitraError.refused(
        ErrorCode.Conflict,
        'stakeholders.still_representing',
        { partnerships: represented },
        'This person still acts for the organisation in a partnership: unassign the representative there first.',
        represented.map((partnershipId) => ({
          field: 'representatives',
          reason: partnershipId,
          code: 'stakeholders.still_representing' as const,
          params: { partnerships: represented },
        })),
      );
    }
    const ended = await this.people.endMembership(membership, {
      at: new Date(),
      by: actor.userId,
      idempotencyKey,
      inputHash,
    });
    if (!ended) {
      // This command's concurrent repeat ended it (same answer), or another command did (it is gone).
      const byKey = await this.people.findEndedMembershipByKey(idempotencyKey);
      if (!byKey) throw MitraError.notFound('The membership');
      this.sameInput(byKey.inputHash, inputHash, byKey);
    }
    return this.shownTo(actor, await this.visiblePerson(actor, personId));
  }

  async listMembers(query: ListMembers): Promise<PersonPage> {
    ensureAllowed(mayListMembers(query.actor, query.organisationId), "list this organisation's members");
    if (!(await this.organisations.findById(query.organisationId)))
      throw MitraError.notFound('The organisation');
    const page = await this.people.listMembers(
      query.organisationId,
      query.limit,
      query.cursor ? decodeCursor(query.cursor) : undefined,
    );
    const items = await Promise.all(page.items.map((person) => this.shownTo(query.actor, person)));
    return { ...page, items, limit: query.limit };
  }

  /**
   * Names the person who acts for an organisation in a partnership. A person acts for exactly one
   * organisation per partnership, and only for one it belongs to.
   */
  async assignRepresentative(command: AssignRepresentativeCommand): Promise<Representative> {
    const { partnershipId, personId, organisationId } = command;
    ensureAllowed(
      mayAssignRepresentative(command.actor, organisationId),
      "name this organisation's representative",
    );
    const inputHash = hashInput({ partnershipId, personId, organisationId });
    const repeated = await this.people.findRepresentativeByKey(command.idempotencyKey);
    if (repeated) return this.sameInput(repeated.inputHash, inputHash, repeated.representative);

    const person = await this.visiblePerson(command.actor, personId);
    if (!memberOf(person).includes(organisationId)) {
      throw MitraError.validation([
        {
          field: 'organisationId',
          reason: 'is not an organisation this person belongs to',
          code: 'stakeholders.not_a_member',
        },
      ]);
    }
    const inserted = await this.people.insertRepresentative({
      partnershipId,
      personId,
      organisationId,
      assignedAt: new Date(),
      assignedBy: command.actor.userId,
      idempotencyKey: command.idempotencyKey,
      inputHash,
    });
    if (inserted) return inserted;

    // The key or the person's seat in this partnership was taken first.
    const byKey = await this.people.findRepresentativeByKey(command.idempotencyKey);
    if (byKey) return this.sameInput(byKey.inputHash, inputHash, byKey.representative);
    const existing = await this.people.findRepresentation(partnershipId, personId);
    if (existing?.organisationId === organisationId) return existing;
    throw conflict(
      'stakeholders.acts_for_another',
      undefined,
      `This person already acts for organisation ${existing?.organisationId ?? 'another organisation'} in this partnership; a person acts for one organisation per partnership.`,
    );
  }

  async listRepresentatives(query: ListRepresentativesQuery): Promise<Representative[]> {
    ensureAllowed(mayReadOrganisations(query.actor), "read a partnership's representatives");
    return this.people.listRepresentatives(query.partnershipId);
  }

  /**
   * The person no longer acts for its organisation in the partnership; the assignment stays in the
   * history with who ended it and when, and the person may be named again.
   */
  async unassignRepresentative(command: UnassignRepresentativeCommand): Promise<RepresentativeAssignment> {
    const { actor, partnershipId, personId, idempotencyKey } = command;
    const inputHash = hashInput({ partnershipId, personId, unassigned: true });
    const repeated = await this.people.findUnassignmentByKey(idempotencyKey);
    if (repeated) {
      ensureAllowed(
        mayAssignRepresentative(actor, repeated.organisationId),
        "unassign this organisation's representative",
      );
      this.sameInput(repeated.inputHash, inputHash, repeated);
      await this.people.removeUnassigned(repeated);
      return this.people.pastAssignment(repeated);
    }

    const current = await this.people.findRepresentationRecord(partnershipId, personId);
    if (!current) throw MitraError.notFound('The representative');
    ensureAllowed(
      mayAssignRepresentative(actor, current.organisationId),
      "unassign this organisation's representative",
    );
    const ended = await this.people.unassignRepresentative(current, {
      at: new Date(),
      by: actor.userId,
      idempotencyKey,
      inputHash,
    });
    if (ended) return ended;
    // This command's concurrent repeat ended it (same answer), or another command did (it is gone).
    const byKey = await this.people.findUnassignmentByKey(idempotencyKey);
    if (!byKey) throw MitraError.notFound('The representative');
    return this.people.pastAssignment(this.sameInput(byKey.inputHash, inputHash, byKey));
  }

  /** Every assignment of the partnership, current and ended, oldest first. */
  async representativeHistory(query: ListRepresentativeHistoryQuery): Promise<RepresentativeAssignment[]> {
    ensureAllowed(mayReadOrganisations(query.actor), "read a partnership's representatives");
    return this.people.representativeHistory(query.partnershipId);
  }

  /** A person the actor may not see is reported as not found, never as forbidden. */
  private async visiblePerson(actor: GetPersonQuery['actor'], id: string): Promise<Person> {
    const person = await this.people.findById(id);
    if (!person || !maySeePerson(actor, knownTo(person))) throw MitraError.notFound('The person');
    return person;
  }

  /** The person without e-mail and phone, unless the actor works with them (`maySeeContactDetails`). */
  private async shownTo(actor: GetPersonQuery['actor'], person: Person): Promise<Person> {
    const organisationIds = memberOf(person);
    // The partnerships are looked up only when nothing cheaper decides.
    const works =
      maySeeContactDetails(actor, { organisationIds, sharesPartnership: false }) ||
      maySeeContactDetails(actor, {
        organisationIds,
        sharesPartnership: await this.sharesPartnership(actor, organisationIds),
      });
    return works ? person : { ...person, email: undefined, phone: undefined };
  }

  /** Whether the actor's organisation acts in a partnership where one of these organisations acts too. */
  private async sharesPartnership(
    actor: GetPersonQuery['actor'],
    organisationIds: readonly string[],
  ): Promise<boolean> {
    if (actor.organisationId === undefined) return false;
    const [theirs, ours] = await Promise.all([
      this.people.partnershipsActingFor(organisationIds),
      this.people.partnershipsActingFor([actor.organisationId]),
    ]);
    return [...ours].some((partnershipId) => theirs.has(partnershipId));
  }

  private async ensureOrganisationsExist(ids: string[], field: (index: number) => string): Promise<void> {
    const found = await this.organisations.findManyByIds(ids);
    const errors: FieldError[] = ids.flatMap((id, index) =>
      found.has(id)
        ? []
        : [
            {
              field: field(index),
              reason: 'is not a registered organisation',
              code: 'stakeholders.not_registered',
            },
          ],
    );
    if (errors.length > 0) throw MitraError.validation(errors);
  }

  private sameInput<T>(storedHash: string, inputHash: string, result: T): T {
    if (storedHash !== inputHash)
      throw conflict(
        'stakeholders.idempotency_key_reused',
        undefined,
        'This idempotency key was already used for a different command.',
      );
    return result;
  }
}
