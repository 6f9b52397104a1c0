import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

@Schema({ _id: false })
export class MembershipInputRecord {
  @Prop({ type: String, required: true }) organisationId!: string;
  @Prop({ type: String, required: true }) role!: string;
}
const MembershipInputSchema = SchemaFactory.createForClass(MembershipInputRecord);

@Schema({ collection: 'people' })
export class PersonRecord {
  @Prop({ type: String, required: true }) name!: string;
  @Prop({ type: String }) email?: string;
  @Prop({ type: String }) phone?: string;
  /** The memberships the person was registered with, so a repeated registration can complete them. */
  @Prop({ type: [MembershipInputSchema], default: [] }) initialMemberships!: MembershipInputRecord[];
  @Prop({ type: Date, required: true }) createdAt!: Date;
  @Prop({ type: String, required: true }) createdBy!: string;
  @Prop({ type: String, required: true, unique: true }) idempotencyKey!: string;
  @Prop({ type: String, required: true }) inputHash!: string;
}
export const PersonSchema = SchemaFactory.createForClass(PersonRecord);

/**
 * A person's place in an organisation: one document per person and organisation, so concurrent
 * changes of one person's memberships never overwrite each other.
 */
@Schema({ collection: 'memberships' })
export class MembershipRecord {
  @Prop({ type: String, required: true }) personId!: string;
  @Prop({ type: String, required: true }) organisationId!: string;
  @Prop({ type: String, required: true }) role!: string;
  @Prop({ type: Date, required: true }) since!: Date;
}
export const MembershipSchema = SchemaFactory.createForClass(MembershipRecord);
MembershipSchema.index({ personId: 1, organisationId: 1 }, { unique: true });
MembershipSchema.index({ organisationId: 1, _id: 1 });

/** A membership command, claimed by its key before it is applied, marked applied after. */
@Schema({ collection: 'membership_commands' })
export class MembershipCommandRecord {
  @Prop({ type: String, required: true, unique: true }) idempotencyKey!: string;
  @Prop({ type: String, required: true }) inputHash!: string;
  @Prop({ type: String, required: true }) personId!: string;
  @Prop({ type: String, required: true }) organisationId!: string;
  @Prop({ type: String, required: true }) role!: string;
  @Prop({ type: Boolean, required: true }) applied!: boolean;
}
export const MembershipCommandSchema = SchemaFactory.createForClass(MembershipCommandRecord);

/** Who acts for which organisation in a partnership: one document per person and partnership. */
@Schema({ collection: 'representatives' })
export class RepresentativeRecord {
  @Prop({ type: String, required: true }) partnershipId!: string;
  @Prop({ type: String, required: true }) personId!: string;
  @Prop({ type: String, required: true }) organisationId!: string;
  @Prop({ type: Date, required: true }) assignedAt!: Date;
  @Prop({ type: String, required: true }) assignedBy!: string;
  @Prop({ type: String, required: true, unique: true }) idempotencyKey!: string;
  @Prop({ type: String, required: true }) inputHash!: string;
}
export const RepresentativeSchema = SchemaFactory.createForClass(RepresentativeRecord);
// A person acts for exactly one organisation per partnership; the index holds it under concurrency.
RepresentativeSchema.index({ partnershipId: 1, personId: 1 }, { unique: true });
