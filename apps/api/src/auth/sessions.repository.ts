import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import mongoose, { type Model } from 'mongoose';
import { SessionRecord } from './session.schema';

/** Sessions are found, moved and deleted by `_id` alone, the one filter FerretDB applies atomically. */
@Injectable()
export class SessionsRepository implements OnModuleInit {
  constructor(@InjectModel(SessionRecord.name) private readonly model: Model<SessionRecord>) {}

  async onModuleInit(): Promise<void> {
    await this.model.init();
  }

  async insert(record: SessionRecord): Promise<void> {
    await this.model.create(record);
  }

  async find(id: string): Promise<SessionRecord | undefined> {
    return (await this.model.findById(id).lean<SessionRecord>().exec()) ?? undefined;
  }

  async extend(id: string, expiresAt: Date): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: { expiresAt } }).exec();
  }

  async delete(id: string): Promise<void> {
    await this.model.deleteOne({ _id: id }).exec();
  }

  async deleteAllOf(userId: string): Promise<void> {
    await this.model.deleteMany({ userId }).exec();
  }

  async deleteExpired(now: Date): Promise<number> {
    // Trusted: `sanitizeFilter` strips every operator it did not get from us.
    return (await this.model.deleteMany({ expiresAt: mongoose.trusted({ $lte: now }) }).exec()).deletedCount;
  }
}
