import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { stakeholderRoles, type DomainEvent, type StakeholderRole } from '@mitra/contracts';

@Schema({ _id: false })
export class StakeholderEntryRecord {
  @Prop({ type: String, required: true }) organisationId!: string;
  @Prop({ type: Number, required: true, min: 1, max: 5 }) interest!: number;
  @Prop({ type: Number, required: true, min: 1, max: 5 }) influence!: number;
  @Prop({ type: String, required: true, enum: stakeholderRoles }) role!: StakeholderRole;
  @Prop({ type: String }) note?: string;
}
const StakeholderEntrySchema = SchemaFactory.createForClass(StakeholderEntryRecord);

/**
 * One version of a partnership's stakeholder map, with the events its write raised: the outbox is
 * in the document, written in the same insert as the change, published after it, then taken off
 * `pendingEventIds`. Inserting the version is how a write claims it: only unique indexes decide
 * races on FerretDB v1, whose conditional updates are not atomic.
 */
@Schema({ collection: 'stakeholder_map_versions' })
export class StakeholderMapVersionRecord {
  @Prop({ type: String, required: true }) partnershipId!: string;
  @Prop({ type: Number, required: true }) version!: number;
  @Prop({ type: [StakeholderEntrySchema], default: [] }) entries!: StakeholderEntryRecord[];
  @Prop({ type: Date, required: true }) at!: Date;
  @Prop({ type: String, required: true }) by!: string;
  @Prop({ type: String, required: true }) idempotencyKey!: string;
  @Prop({ type: String, required: true }) inputHash!: string;
  @Prop({ type: [Object], default: [] }) events!: DomainEvent[];
  @Prop({ type: [String], default: [] }) pendingEventIds!: string[];
}

export const StakeholderMapVersionSchema = SchemaFactory.createForClass(StakeholderMapVersionRecord);
StakeholderMapVersionSchema.index({ partnershipId: 1, version: 1 }, { unique: true });
StakeholderMapVersionSchema.index({ partnershipId: 1, idempotencyKey: 1 }, { unique: true });
