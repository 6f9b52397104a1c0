import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { roles, type Role } from '@mitra/contracts';
import { languages } from './user-contracts';

/** An account of the api's own database (`mitra_api`); the unique email index decides concurrent creates. */
@Schema({ collection: 'users' })
export class UserRecord {
  @Prop({ type: String, required: true }) email!: string;
  @Prop({ type: String, required: true }) name!: string;
  @Prop({ type: String, required: true, enum: roles }) role!: Role;
  @Prop({ type: String }) organisationId?: string;
  /** As the stakeholders registry named it when the account was bound to it. */
  @Prop({ type: String }) organisationName?: string;
  @Prop({ type: String, enum: languages }) locale?: (typeof languages)[number];
  /** argon2id, in PHC string format. */
  @Prop({ type: String, required: true }) passwordHash!: string;
  @Prop({ type: Boolean, required: true, default: false }) disabled!: boolean;
  @Prop({ type: Date, required: true }) createdAt!: Date;
  @Prop({ type: String, required: true }) createdBy!: string;
  @Prop({ type: Date, required: true }) updatedAt!: Date;
  @Prop({ type: String, required: true }) updatedBy!: string;
}

export const UserSchema = SchemaFactory.createForClass(UserRecord);
UserSchema.index({ email: 1 }, { unique: true });
