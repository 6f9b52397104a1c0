import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Types, type Model } from 'mongoose';
import { ErrorCode, MitraError } from '@mitra/contracts';
import { UserRecord } from './user.schema';
import { isDuplicateKeyError } from '@mitra/platform';

export type StoredUser = UserRecord & { _id: Types.ObjectId };

@Injectable()
export class UsersRepository implements OnModuleInit {
  constructor(@InjectModel(UserRecord.name) private readonly model: Model<UserRecord>) {}

  /** The unique email index must exist before the first account is written. */
  async onModuleInit(): Promise<void> {
    await this.model.init();
  }

  async findById(id: string): Promise<StoredUser | undefined> {
    if (!Types.ObjectId.isValid(id)) return undefined;
    return (await this.model.findById(id).lean<StoredUser>().exec()) ?? undefined;
  }

  /** Enabled accounts of the given organisations (whatever their role) and the given users. */
  async actingIn(organisationIds: readonly string[], userIds: readonly string[]): Promise<StoredUser[]> {
    // Accounts are few; filtering here keeps the query free of operators (the connection sanitises filters).
    const enabled = await this.model.find({ disabled: false }).sort({ name: 1 }).lean<StoredUser[]>().exec();
    const organisations = new Set(organisationIds);
    const users = new Set(userIds);
    return enabled.filter(
      (user) =>
        users.has(user._id.toString()) ||
        (user.organisationId !== undefined && organisations.has(user.organisationId)),
    );
  }

  async findByEmail(email: string): Promise<StoredUser | undefined> {
    return (await this.model.findOne({ email }).lean<StoredUser>().exec()) ?? undefined;
  }

  list(): Promise<StoredUser[]> {
    return this.model.find().sort({ email: 1 }).lean<StoredUser[]>().exec();
  }

  /** Inserts the account; an email already taken, even by a concurrent create, is a 409. */
  async insert(record: UserRecord): Promise<StoredUser> {
    try {
      const created = await this.model.create(record);
      return created.toObject<StoredUser>();
    } catch (error) {
      if (isDuplicateKeyError(error)) {
        throw MitraError.refused(
          ErrorCode.Conflict,
          'api.email_taken',
          undefined,
          'An account with this email already exists.',
          [{ field: 'email', reason: 'is already used by another account', code: 'api.email_taken' }],
        );
      }
      throw error;
    }
  }

  /** Sets fields by `_id` alone, the one filter FerretDB applies atomically. */
  async update(
    id: string,
    changes: Partial<UserRecord>,
    unset: Array<keyof UserRecord> = [],
  ): Promise<StoredUser | undefined> {
    const update = {
      $set: changes,
      ...(unset.length > 0 ? { $unset: Object.fromEntries(unset.map((field) => [field, 1])) } : {}),
    };
    return (
      (await this.model.findByIdAndUpdate(id, update, { new: true }).lean<StoredUser>().exec()) ?? undefined
    );
  }
}
