import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import {
  resourceKinds,
  sectors,
  vulnerableGroups,
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
  /** The official code of the most precise level, absent for a region written by hand that no official one matched. */
  @Prop({ type: String }) code?: string;
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
 * An organisation as it stands (the read model): its newest revision, with the fields derived from
 * it for lists, search and duplicate detection, and the claim of its normalised name + region. The
 * revisions themselves are in the revision store (`organisation_revisions`); see
 * `OrganisationProjection` for how this document follows them.
 */
@Schema({ collection: 'organisations' })
export class OrganisationRecord {
  @Prop({ type: String, required: true }) name!: string;
  @Prop({ type: String, required: true, enum: sectors }) sector!: Sector;
  @Prop({ type: RegionSchema, required: true }) region!: RegionRecord;
  @Prop({ type: [ContactSchema], default: [] }) contacts!: ContactRecord[];
  @Prop({ type: [ResourceSchema], default: [] }) resources!: ResourceRecord[];
  @Prop({ type: [String], enum: vulnerableGroups, default: [] }) vulnerableGroups!: VulnerableGroup[];

  /** The list order: the name's words without case, accents or punctuation (`organisationSortKey`). */
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

  /** The revision this document shows. */
  @Prop({ type: Number, required: true }) version!: number;
  /**
   * True once this document, its claim and its search keys show revision `version` of the log; false
   * while a projection (or a registration, before its first revision) is under way; absent on records
   * of the previous layout. Start-up finishes the others (`{projected: {$in: [null, false]}}`).
   */
  @Prop({ type: Boolean }) projected?: boolean;
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
// Sparse: records without a claim must not collide as nulls on MongoDB (FerretDB accepts the option and
// its SQLite index already lets missing values repeat).
OrganisationSchema.index({ identityClaim: 1 }, { unique: true, sparse: true });
OrganisationSchema.index({ projected: 1 });
