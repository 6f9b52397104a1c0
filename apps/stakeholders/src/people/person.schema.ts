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

/**
 * A membership that ended: moved here from `memberships` with who ended it and when, so the person
 * may join the organisation again while the history stays. One per membership (its `since`).
 */
@Schema({ collection: 'past_memberships' })
export class PastMembershipRecord {
  @Prop({ type: String, required: true }) personId!: string;
  @Prop({ type: String, required: true }) organisationId!: string;
  @Prop({ type: String, required: true }) role!: string;
  @Prop({ type: Date, required: true }) since!: Date;
  @Prop({ type: Date, required: true }) endedAt!: Date;
  @Prop({ type: String, required: true }) endedBy!: string;
  /** The ending command's key. */
  @Prop({ type: String, required: true, unique: true }) idempotencyKey!: string;
  @Prop({ type: String, required: true }) inputHash!: string;
}
export const PastMembershipSchema = SchemaFactory.createForClass(PastMembershipRecord);
// Of two commands ending the same membership, one records it.
PastMembershipSchema.index({ personId: 1, organisationId: 1, since: 1 }, { unique: true });

/**
 * An assignment that ended: moved here from `representatives` with who unassigned it and when, so
 * the person may be named again while the history stays. It keeps the assigning command's key, so a
 * repeat of that command is answered with this assignment rather than making a new one.
 */
@Schema({ collection: 'past_representatives' })
export class PastRepresentativeRecord {
  @Prop({ type: String, required: true }) partnershipId!: string;
  @Prop({ type: String, required: true }) personId!: string;
  @Prop({ type: String, required: true }) organisationId!: string;
  @Prop({ type: Date, required: true }) assignedAt!: Date;
  @Prop({ type: String, required: true }) assignedBy!: string;
  @Prop({ type: String, required: true }) assignKey!: string;
  @Prop({ type: String, required: true }) assignInputHash!: string;
  @Prop({ type: Date, required: true }) unassignedAt!: Date;
  @Prop({ type: String, required: true }) unassignedBy!: string;
  /** The unassigning command's key. */
  @Prop({ type: String, required: true, unique: true }) idempotencyKey!: string;
  @Prop({ type: String, required: true }) inputHash!: string;
}
export const PastRepresentativeSchema = SchemaFactory.createForClass(PastRepresentativeRecord);
PastRepresentativeSchema.index({ partnershipId: 1, personId: 1, assignedAt: 1 }, { unique: true });
PastRepresentativeSchema.index({ assignKey: 1 });
