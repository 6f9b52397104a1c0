import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { HydratedDocument } from 'mongoose';
import { sectors, type Region, type Sector } from '@mitra/contracts';

@Schema({ _id: false })
export class ContactRecord {
  @Prop({ type: String, required: true }) name!: string;
  @Prop({ type: String }) email?: string;
  @Prop({ type: String }) phone?: string;
}

@Schema({ collection: 'organisations', timestamps: { createdAt: true, updatedAt: false } })
export class OrganisationRecord {
  @Prop({ type: String, required: true }) name!: string;
  @Prop({ type: String, required: true, enum: sectors }) sector!: Sector;
  @Prop({ type: Object, required: true }) region!: Region;
  @Prop({ type: [ContactRecord], default: [] }) contacts!: ContactRecord[];
  @Prop({ type: String, required: true }) createdBy!: string;
  /** The create command's key: a repeated command finds this record instead of writing another. */
  @Prop({ type: String, required: true, unique: true }) idempotencyKey!: string;
  /** SHA-256 of the command's input, so a key reused for different input is refused. */
  @Prop({ type: String, required: true }) inputHash!: string;
  createdAt!: Date;
}

export type OrganisationDocument = HydratedDocument<OrganisationRecord>;
export const OrganisationSchema = SchemaFactory.createForClass(OrganisationRecord);
