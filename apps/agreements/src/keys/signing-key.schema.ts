import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** An enrolled Ed25519 public key, found by its fingerprint. The private key never reaches the platform. */
@Schema({ collection: 'signing_keys', versionKey: false })
export class SigningKeyRecord {
  /** The key id: SHA-256 of the 32 raw public key bytes, so a key is enrolled once. */
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true }) userId!: string;
  @Prop({ type: String, required: true }) organisationId!: string;
  @Prop({ type: String, required: true }) publicKey!: string;
  @Prop({ type: String, required: true }) enrolledAt!: string;
  @Prop({ type: String, required: true }) enrolledBy!: string;
}

export const SigningKeySchema = SchemaFactory.createForClass(SigningKeyRecord);

/** An enrolment command, by its idempotency key: a repeat finds it, a reuse for another key is refused. */
@Schema({ collection: 'signing_key_commands', versionKey: false })
export class SigningKeyCommandRecord {
  /** The idempotency key. */
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true }) inputHash!: string;
  @Prop({ type: String, required: true }) keyId!: string;
}

export const SigningKeyCommandSchema = SchemaFactory.createForClass(SigningKeyCommandRecord);

/**
 * A key's revocation, one per key (`_id` = the key id): the first recorded stands, so of two
 * concurrent revocations one wins and the other finds it. Keys themselves are never changed.
 */
@Schema({ collection: 'signing_key_revocations', versionKey: false })
export class SigningKeyRevocationRecord {
  /** The key id. */
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true, enum: ['revoked', 'rotated'] }) kind!: 'revoked' | 'rotated';
  @Prop({ type: String }) reason?: string;
  /** For a rotation: the newer key of the same signer. */
  @Prop({ type: String }) replacedBy?: string;
  @Prop({ type: String, required: true }) revokedAt!: string;
  @Prop({ type: String, required: true }) revokedBy!: string;
  /** The command that recorded it, so its repeat is told apart from a second revocation. */
  @Prop({ type: String, required: true }) idempotencyKey!: string;
}

export const SigningKeyRevocationSchema = SchemaFactory.createForClass(SigningKeyRevocationRecord);
