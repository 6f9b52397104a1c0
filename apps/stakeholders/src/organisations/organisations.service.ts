import { Injectable } from '@nestjs/common';
import {
  duplicateOfField,
  duplicateOfNameField,
  ErrorCode,
  MitraError,
  type DuplicateOrganisationPage,
  type GetOrganisationQuery,
  type Organisation,
  type OrganisationCommandInput,
  type OrganisationInput,
  type OrganisationPage,
  type OrganisationSummary,
  type OrganisationVersion,
  StakeholdersContracts,
  type ContractPayload,
} from '@mitra/contracts';
import {
  findDuplicatePairs,
  mayEditOrganisation,
  mayReadOrganisations,
  mayRegisterOrganisation,
  mayReviewDuplicates,
} from '@mitra/domain';
import { conflict, ensureAllowed } from '../common/service-errors';
import { hashInput } from '../common/input-hash';
import { decodeCursor } from '../common/page-cursor';
import { RegionsService } from '../regions/regions.service';
import { OrganisationEvents } from './organisation-events';
import { OrganisationsRepository } from './organisations.repository';

type CreateOrganisation = ContractPayload<typeof StakeholdersContracts.CreateOrganisation>;
type UpdateOrganisation = ContractPayload<typeof StakeholdersContracts.UpdateOrganisation>;
type ListOrganisations = ContractPayload<typeof StakeholdersContracts.ListOrganisations>;
type ListDuplicates = ContractPayload<typeof StakeholdersContracts.ListDuplicateOrganisations>;

/** How many look-alikes an acknowledged registration records. */
const acknowledgedLimit = 20;

function likelyDuplicate(existing: OrganisationSummary): MitraError {
  return MitraError.refused(
    ErrorCode.Conflict,
    'stakeholders.likely_duplicate',
    { name: existing.name },
    `"${existing.name}" (${existing.id}) is registered with a name this close in the same region: it is likely the same organisation. ` +
      'Use that record, or send acknowledgeDuplicate: true to register this one anyway.',
    [
      // Not refusals of a field: the existing record's id and name, for the screen that offers it instead.
      {
        field: duplicateOfField,
        reason: existing.id,
        code: 'stakeholders.likely_duplicate',
        params: { name: existing.name },
      },
      {
        field: duplicateOfNameField,
        reason: existing.name,
        code: 'stakeholders.likely_duplicate',
        params: { name: existing.name },
      },
    ],
  );
}

@Injectable()
export class OrganisationsService {
  constructor(
    private readonly organisations: OrganisationsRepository,
    private readonly events: OrganisationEvents,
    private readonly regions: RegionsService,
  ) {}

  async create(command: CreateOrganisation): Promise<Organisation> {
    ensureAllowed(mayRegisterOrganisation(command.actor), 'register organisations');
    const inputHash = hashInput(command.organisation);
    const repeated = await this.organisations.findByIdempotencyKey(command.idempotencyKey);
    if (repeated) return this.sameInput(repeated.inputHash, inputHash, repeated.organisation);

    const organisation = this.withOfficialRegion(command.organisation);
    let acknowledgedDuplicateOf: string[];
    try {
      acknowledgedDuplicateOf = await this.checkDuplicates(
        organisation,
        command.acknowledgeDuplicate,
      );
    } catch (error) {
      // The look-alike may be this very command, registered a moment ago by a concurrent repeat.
      const registered = await this.organisations.findByIdempotencyKey(command.idempotencyKey);
      if (registered) return this.sameInput(registered.inputHash, inputHash, registered.organisation);
      throw error;
    }
    const stored = await this.organisations.create(
      {
        input: organisation,
        by: command.actor.userId,
        at: new Date(),
        idempotencyKey: command.idempotencyKey,
        inputHash,
        acknowledgedDuplicateOf,
        actor: command.actor,
      },
      { acknowledgeDuplicate: command.acknowledgeDuplicate },
    );
    // A concurrent registration of the same organisation got there first: the answer the check above
    // would have given a moment later.
    if ('claimedBy' in stored) throw likelyDuplicate(stored.claimedBy);
    await this.events.flush(stored.organisation.id);
    return this.sameInput(stored.inputHash, inputHash, stored.organisation);
  }

  /** Writes the whole record as its next version, against the version the editor read. */
  async update(command: UpdateOrganisation): Promise<Organisation> {
    const { id, basedOnVersion, idempotencyKey } = command;
    ensureAllowed(mayEditOrganisation(command.actor, id), 'edit this organisation');
    const current = await this.organisations.findById(id);
    if (!current) throw MitraError.notFound('The organisation');
    const inputHash = hashInput({ basedOnVersion, organisation: command.organisation });
    const repeated = await this.organisations.writtenBy(id, idempotencyKey);
    if (repeated) return this.sameInput(repeated.inputHash, inputHash, repeated.organisation);

    const latest = await this.organisations.latestVersion(id);
    if ((latest?.version ?? current.version) !== basedOnVersion) {
      // Moved on since: perhaps by this very command, repeated concurrently and written a moment ago.
      const raced = await this.organisations.writtenBy(id, idempotencyKey);
      if (raced) return this.sameInput(raced.inputHash, inputHash, raced.organisation);
    }
    this.ensureCurrent(latest?.version ?? current.version, basedOnVersion);
    const organisation = this.withOfficialRegion(command.organisation);
    const acknowledged = await this.checkDuplicates(organisation, command.acknowledgeDuplicate, id);
    const written = await this.organisations.appendVersion(
      id,
      basedOnVersion + 1,
      {
        input: organisation,
        by: command.actor.userId,
        at: new Date(),
        idempotencyKey,
        inputHash,
        acknowledgedDuplicateOf: [...new Set([...(latest?.acknowledgedDuplicateOf ?? []), ...acknowledged])],
        actor: command.actor,
        previous: latest ?? current,
      },
      { acknowledgeDuplicate: command.acknowledgeDuplicate },
    );
    if (written && 'claimedBy' in written) throw likelyDuplicate(written.claimedBy);
    if (written) {
      await this.events.flush(id);
      return written.organisation;
    }

    // Another command claimed the version first: this same one (a retry) or an edit of the same version.
    const raced = await this.organisations.writtenBy(id, idempotencyKey);
    if (raced) return this.sameInput(raced.inputHash, inputHash, raced.organisation);
    throw conflict(
      'stakeholders.changed_since',
      { version: basedOnVersion },
      `The organisation changed since version ${basedOnVersion}: read it again and apply the change to the current version.`,
    );
  }

  async get(query: GetOrganisationQuery): Promise<Organisation> {
    ensureAllowed(mayReadOrganisations(query.actor), 'read organisations');
    const organisation = await this.organisations.findCurrent(query.id);
    if (!organisation) throw MitraError.notFound('The organisation');
    return organisation;
  }

  async versions(query: GetOrganisationQuery): Promise<OrganisationVersion[]> {
    ensureAllowed(mayReadOrganisations(query.actor), 'read organisations');
    if (!(await this.organisations.findById(query.id))) throw MitraError.notFound('The organisation');
    return this.organisations.versions(query.id);
  }

  async list(query: ListOrganisations): Promise<OrganisationPage> {
    ensureAllowed(mayReadOrganisations(query.actor), 'read organisations');
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    const page = await this.organisations.list(query.filter, query.limit, after);
    return { ...page, limit: query.limit };
  }

  /** Pairs of records that likely describe one organisation: the registry's data-quality report. */
  async duplicates(query: ListDuplicates): Promise<DuplicateOrganisationPage> {
    ensureAllowed(mayReviewDuplicates(query.actor), 'review duplicate organisations');
    const pairs = findDuplicatePairs(await this.organisations.identities()).filter(
      (pair) => !query.onlyUnacknowledged || !pair.acknowledged,
    );
    const start = (query.page - 1) * query.limit;
    const shown = pairs.slice(start, start + query.limit);
    const summaries = await this.organisations.summaries(
      shown.flatMap((pair) => [pair.firstId, pair.secondId]),
    );
    return {
      pairs: shown.flatMap((pair) => {
        const [first, second] = [summaries.get(pair.firstId), summaries.get(pair.secondId)];
        return first && second ? [{ first, second, acknowledged: pair.acknowledged }] : [];
      }),
      total: pairs.length,
      page: query.page,
      limit: query.limit,
    };
  }

  /** The organisation with its region's official code and names; a code that is not official is refused. */
  private withOfficialRegion(input: OrganisationCommandInput): OrganisationInput {
    const resolved = this.regions.catalogue.resolve(input.region);
    if ('region' in resolved) return { ...input, region: resolved.region };
    const { code, field, params } = resolved.refusal;
    const message =
      code === 'stakeholders.region_unknown'
        ? `${params.code} is not an official region code.`
        : `Region ${params.code} is officially named "${'official' in params ? params.official : ''}", not "${'given' in params ? params.given : ''}".`;
    throw MitraError.refused(ErrorCode.ValidationFailed, code, params, message, [
      { field: `organisation.${field}`, reason: message, code, params },
    ]);
  }

  /**
   * Refuses a likely duplicate unless acknowledged; an acknowledged one returns the ids it
   * resembles, which the record keeps so the duplicate report can tell the pair was accepted.
   */
  private async checkDuplicates(
    input: OrganisationInput,
    acknowledged: boolean,
    excludeId?: string,
  ): Promise<string[]> {
    const found = await this.organisations.findLikelyDuplicates(input, {
      excludeId,
      limit: acknowledged ? acknowledgedLimit : 1,
    });
    if (found.length > 0 && !acknowledged) throw likelyDuplicate(found[0]);
    return found.map((organisation) => organisation.id);
  }

  private sameInput(storedHash: string, inputHash: string, result: Organisation): Organisation {
    if (storedHash !== inputHash)
      throw conflict(
        'stakeholders.idempotency_key_reused',
        undefined,
        'This idempotency key was already used for a different command.',
      );
    return result;
  }

  private ensureCurrent(version: number, basedOnVersion: number): void {
    if (version !== basedOnVersion) {
      throw conflict(
        'stakeholders.changed_since',
        { version: basedOnVersion, current: version },
        `The organisation is at version ${version}, not ${basedOnVersion}: read it again and apply the change to the current version.`,
      );
    }
  }
}
