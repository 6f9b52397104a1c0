import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Algorithm, hash, verify } from '@node-rs/argon2';
import {
  ErrorCode,
  MitraError,
  type Actor,
  type GetOrganisationQuery,
  type LifecycleState,
  type Organisation,
  type Role,
  StakeholdersContracts,
} from '@mitra/contracts';
import { ServiceClient } from '@mitra/platform';
import { SessionsService } from '../auth/sessions.service';
import { API_CONFIG, type ApiConfig } from '../config';
import {
  organisationRuleError,
  type CreateUserInput,
  type PartnershipAccount,
  type SessionUser,
  type UpdateUserInput,
  type UserAccount,
} from './user-contracts';
import type { UserRecord } from './user.schema';
import { UsersRepository, type StoredUser } from './users.repository';

const hashPassword = (password: string) => hash(password, { algorithm: Algorithm.Argon2id });

export function sessionUserOf(user: StoredUser): SessionUser {
  return {
    id: user._id.toString(),
    email: user.email,
    name: user.name,
    role: user.role,
    ...(user.organisationId ? { organisationId: user.organisationId } : {}),
    ...(user.organisationName ? { organisationName: user.organisationName } : {}),
    ...(user.locale ? { locale: user.locale } : {}),
  };
}

function accountOf(user: StoredUser): UserAccount {
  return {
    ...sessionUserOf(user),
    disabled: user.disabled,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}

@Injectable()
export class UsersService implements OnApplicationBootstrap {
  private readonly logger = new Logger(UsersService.name);
  /** Verified against when the email is unknown, so both failures take the same time. */
  private readonly decoyHash = hashPassword('decoy password that no account has');

  constructor(
    private readonly users: UsersRepository,
    private readonly services: ServiceClient,
    private readonly sessions: SessionsService,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { ADMIN_EMAIL: email, ADMIN_PASSWORD: password } = this.config;
    if (!email || !password) return;
    if (await this.users.findByEmail(email.toLowerCase())) return;
    const at = new Date();
    try {
      await this.users.insert({
        email: email.toLowerCase(),
        name: 'Administrator',
        role: 'admin',
        passwordHash: await hashPassword(password),
        disabled: false,
        createdAt: at,
        createdBy: 'config',
        updatedAt: at,
        updatedBy: 'config',
      });
      this.logger.log(`created the first administrator ${email}`);
    } catch (error) {
      // Another api replica seeded it first.
      if (!(error instanceof MitraError && error.code === ErrorCode.Conflict)) throw error;
    }
  }

  /** The account behind an email and password, or undefined: unknown, wrong and disabled look alike. */
  async authenticate(email: string, password: string): Promise<SessionUser | undefined> {
    const user = await this.users.findByEmail(email);
    const matches = await verify(user?.passwordHash ?? (await this.decoyHash), password);
    return user && matches && !user.disabled ? sessionUserOf(user) : undefined;
  }

  /** The account of a session, while it is enabled. */
  async active(id: string): Promise<SessionUser | undefined> {
    const user = await this.users.findById(id);
    return user && !user.disabled ? sessionUserOf(user) : undefined;
  }

  async list(): Promise<UserAccount[]> {
    return (await this.users.list()).map(accountOf);
  }

  /** The names of these accounts, by id; an id of no account is left out. */
  async namesOf(ids: readonly string[]): Promise<Map<string, string>> {
    return new Map((await this.users.actingIn([], ids)).map((user) => [user._id.toString(), user.name]));
  }

  /**
   * The people a partnership's members see by name: the accounts of its organisations (the lead and
   * every partner, past ones too, so old decisions keep their names), its coordinators, and whoever
   * took one of its decisions. Staff of unrelated partnerships are not among them.
   */
  async actingIn(
    state: Pick<LifecycleState, 'leadOrganisationId' | 'partners' | 'coordinators' | 'decisions'>,
  ): Promise<PartnershipAccount[]> {
    const organisationIds = [
      ...(state.leadOrganisationId ? [state.leadOrganisationId] : []),
      ...state.partners.map((partner) => partner.organisationId),
    ];
    const userIds = [...state.coordinators, ...state.decisions.map((decision) => decision.actor.userId)];
    return (await this.users.actingIn(organisationIds, userIds)).map((user) => ({
      id: user._id.toString(),
      name: user.name,
      role: user.role,
      ...(user.organisationId ? { organisationId: user.organisationId } : {}),
      ...(user.organisationName ? { organisationName: user.organisationName } : {}),
    }));
  }

  async create(input: CreateUserInput, actor: Actor): Promise<UserAccount> {
    const ruleError = organisationRuleError(input.role, input.organisationId);
    if (ruleError) throw MitraError.validation([ruleError]);
    const organisation = input.organisationId
      ? await this.organisation(input.organisationId, actor)
      : undefined;
    const at = new Date();
    const created = await this.users.insert({
      email: input.email,
      name: input.name,
      role: input.role,
      ...(organisation ? { organisationId: organisation.id, organisationName: organisation.name } : {}),
      ...(input.locale ? { locale: input.locale } : {}),
      passwordHash: await hashPassword(input.password),
      disabled: false,
      createdAt: at,
      createdBy: actor.userId,
      updatedAt: at,
      updatedBy: actor.userId,
    });
    return accountOf(created);
  }

  /** Changes an account; a new password or disabling it ends every session it has. */
  async update(id: string, input: UpdateUserInput, actor: Actor): Promise<UserAccount> {
    const current = await this.users.findById(id);
    if (!current) throw MitraError.notFound('The account');
    if (id === actor.userId && ((input.role && input.role !== current.role) || input.disabled === true)) {
      throw MitraError.validation([
        {
          field: input.disabled === true ? 'disabled' : 'role',
          reason: 'cannot be changed on your own account',
          code: 'api.own_account_unchangeable',
        },
      ]);
    }
    const role: Role = input.role ?? current.role;
    const organisationId =
      input.organisationId === undefined ? current.organisationId : (input.organisationId ?? undefined);
    const ruleError = organisationRuleError(role, organisationId);
    if (ruleError) throw MitraError.validation([ruleError]);

    const changes: Partial<UserRecord> = { updatedAt: new Date(), updatedBy: actor.userId };
    const unset: Array<keyof UserRecord> = [];
    if (input.name !== undefined) changes.name = input.name;
    if (input.role !== undefined) changes.role = input.role;
    if (input.locale !== undefined) changes.locale = input.locale;
    if (input.disabled !== undefined) changes.disabled = input.disabled;
    if (input.password !== undefined) changes.passwordHash = await hashPassword(input.password);
    if (input.organisationId === null) unset.push('organisationId', 'organisationName');
    if (input.organisationId) {
      const organisation = await this.organisation(input.organisationId, actor);
      changes.organisationId = organisation.id;
      changes.organisationName = organisation.name;
    }
    const updated = await this.users.update(id, changes, unset);
    if (!updated) throw MitraError.notFound('The account');
    if (input.password !== undefined || input.disabled === true) await this.sessions.endAllOf(id);
    return accountOf(updated);
  }

  /** The organisation must be in the stakeholders registry; its name is kept for the session. */
  private async organisation(id: string, actor: Actor): Promise<Organisation> {
    const query: GetOrganisationQuery = { actor, id };
    try {
      return await this.services.send(StakeholdersContracts.GetOrganisation, query);
    } catch (error) {
      if (error instanceof MitraError && error.code === ErrorCode.NotFound) {
        throw MitraError.validation([
          {
            field: 'organisationId',
            reason: 'is not a registered organisation',
            code: 'stakeholders.not_registered',
          },
        ]);
      }
      throw error;
    }
  }
}
