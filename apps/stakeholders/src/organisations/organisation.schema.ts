import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import {
  resourceKinds,
  sectors,
  vulnerableGroups,
  type DomainEvent,
  type ResourceKind,
  type Sector,
  type VulnerableGroup,
} from '@mitra/contracts';

@Schema({ _id: false })
export class ContactRecord {
  @Prop({ type: String, required: true }) name!: string;
  @Prop({ type: String }) position?: string;
  @Prop({ type: String }) email?: string;
  @Prop({ type: String }) phone?: string;
}
const ContactSchema = SchemaFactory.createForClass(ContactRecord);

@Schema({ _id: false })
export class RegionRecord {
  @Prop({ type: String, required: true }) province!: string;
  @Prop({ type: String }) regency?: string;
  @Prop({ type: String }) district?: string;
  @Prop({ type: String }) village?: string;
}
const RegionSchema = SchemaFactory.createForClass(RegionRecord);

/** The normalised region names that search and duplicate detection compare ('' when absent). */
@Schema({ _id: false })
export class RegionKeysRecord {
  @Prop({ type: String, default: '' }) province!: string;
  @Prop({ type: String, default: '' }) regency!: string;
  @Prop({ type: String, default: '' }) district!: string;
  @Prop({ type: String, default: '' }) village!: string;
}
const RegionKeysSchema = SchemaFactory.createForClass(RegionKeysRecord);

@Schema({ _id: false })
export class ResourceRecord {
  @Prop({ type: String, required: true, enum: resourceKinds }) kind!: ResourceKind;
  @Prop({ type: String }) note?: string;
}
const ResourceSchema = SchemaFactory.createForClass(ResourceRecord);

/**
 * One version of an organisation as written, with the command that wrote it. Inserting it is how a
 * write claims its version: FerretDB v1 applies a conditional update (`{_id, version: n}`) to every
 * concurrent writer that read the document before any wrote, so only its unique indexes decide races.
 */
@Schema({ collection: 'organisation_versions' })
export class OrganisationVersionRecord {
  @Prop({ type: String, required: true }) organisationId!: string;
  @Prop({ type: Number, required: true }) version!: number;
  @Prop({ type: String, required: true }) name!: string;
  @Prop({ type: String, required: true, enum: sectors }) sector!: Sector;
  @Prop({ type: RegionSchema, required: true }) region!: RegionRecord;
  @Prop({ type: [ContactSchema], default: [] }) contacts!: ContactRecord[];
  @Prop({ type: [ResourceSchema], default: [] }) resources!: ResourceRecord[];
  @Prop({ type: [String], enum: vulnerableGroups, default: [] }) vulnerableGroups!: VulnerableGroup[];
  /** Every record this one was acknowledged to resemble, up to this version. */
  @Prop({ type: [String], default: [] }) acknowledgedDuplicateOf!: string[];
  @Prop({ type: Date, required: true }) at!: Date;
  @Prop({ type: String, required: true }) by!: string;
  @Prop({ type: String, required: true }) idempotencyKey!: string;
  @Prop({ type: String, required: true }) inputHash!: string;
  /** The events this version raised (the outbox), written in the same insert as the version. */
  @Prop({ type: [Object], default: [] }) events!: DomainEvent[];
}

export const OrganisationVersionSchema = SchemaFactory.createForClass(OrganisationVersionRecord);
OrganisationVersionSchema.index({ organisationId: 1, version: 1 }, { unique: true });
OrganisationVersionSchema.index({ organisationId: 1, idempotencyKey: 1 }, { unique: true });

/**
 * The current version of an organisation with the fields derived from it for search and duplicate
 * detection: what lists and reads use. Its versions are in `organisation_versions`.
 */
@Schema({ collection: 'organisations' })
export class OrganisationRecord {
  @Prop({ type: String, required: true }) name!: string;
  @Prop({ type: String, required: true, enum: sectors }) sector!: Sector;
  @Prop({ type: RegionSchema, required: true }) region!: RegionRecord;
  @Prop({ type: [ContactSchema], default: [] }) contacts!: ContactRecord[];
  @Prop({ type: [ResourceSchema], default: [] }) resources!: ResourceRecord[];
  @Prop({ type: [String], enum: vulnerableGroups, default: [] }) vulnerableGroups!: VulnerableGroup[];

  /** The resource kinds again, flat: FerretDB v1 cannot apply `$all` to `resources.kind`. */
  @Prop({ type: [String], default: [] }) resourceKinds!: ResourceKind[];
  /** Lower-cased name: the list order. */
  @Prop({ type: String, required: true }) sortName!: string;
  @Prop({ type: String, required: true }) nameKey!: string;
  @Prop({ type: RegionKeysSchema, required: true }) regionKeys!: RegionKeysRecord;
  /** Registered although reported as a likely duplicate of these. */
  @Prop({ type: [String], default: [] }) acknowledgedDuplicateOf!: string[];
  /**
   * The normalised name + province + regency this record holds (`organisationClaimKey`), unique
   * among organisations; absent when another record held it first (an acknowledged duplicate, or two
   * records that collided before claims existed). See `OrganisationsRepository` for how it moves.
   */
  @Prop({ type: String }) identityClaim?: string;

  @Prop({ type: Number, required: true }) version!: number;
  @Prop({ type: Date, required: true }) createdAt!: Date;
  @Prop({ type: String, required: true }) createdBy!: string;
  @Prop({ type: Date, required: true }) updatedAt!: Date;
  @Prop({ type: String, required: true }) updatedBy!: string;

  /** The create command's key: a repeated command finds this record instead of writing another. */
  @Prop({ type: String, required: true, unique: true }) idempotencyKey!: string;
  /** SHA-256 of the create command's input, so a key reused for different input is refused. */
  @Prop({ type: String, required: true }) inputHash!: string;
}

export const OrganisationSchema = SchemaFactory.createForClass(OrganisationRecord);
OrganisationSchema.index({ sortName: 1, _id: 1 });
OrganisationSchema.index({ nameKey: 1, 'regionKeys.province': 1 });
OrganisationSchema.index({ sector: 1 });
// Sparse: records without a claim must not collide as nulls on MongoDB (FerretDB accepts the option and
// its SQLite index already lets missing values repeat).
OrganisationSchema.index({ identityClaim: 1 }, { unique: true, sparse: true });

/**
 * A version write whose events may not be in JetStream yet: inserted before the version, removed
 * once its events are published. The sweep reads this small collection rather than every version
 * (any filter but `_id` makes FerretDB v1 decode a whole collection). One per write attempt, so a
 * losing or repeated attempt never removes the marker of the one that wrote.
 */
@Schema({ collection: 'organisation_outbox', versionKey: false })
export class OrganisationOutboxRecord {
  @Prop({ type: String, required: true }) organisationId!: string;
  @Prop({ type: Number, required: true }) version!: number;
  @Prop({ type: String, required: true }) idempotencyKey!: string;
  @Prop({ type: Date, required: true }) at!: Date;
}

export const OrganisationOutboxSchema = SchemaFactory.createForClass(OrganisationOutboxRecord);
