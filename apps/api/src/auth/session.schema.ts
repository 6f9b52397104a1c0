import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** A signed-in browser. Keyed by the SHA-256 of its token: the database never holds a usable token. */
@Schema({ collection: 'sessions' })
export class SessionRecord {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true }) userId!: string;
  /** Sent back on every write as `X-CSRF-Token`; useless without the cookie. */
  @Prop({ type: String, required: true }) csrfToken!: string;
  @Prop({ type: Date, required: true }) createdAt!: Date;
  /** Moves forward with use (idle timeout). FerretDB v1 has no TTL index: the api sweeps expired sessions itself. */
  @Prop({ type: Date, required: true }) expiresAt!: Date;
}

export const SessionSchema = SchemaFactory.createForClass(SessionRecord);
SessionSchema.index({ userId: 1 });
// The sweep of expired sessions reads a range of this index, not every session.
SessionSchema.index({ expiresAt: 1 });
