import { Schema } from 'mongoose';
import type { InboxEntryDocument, ListingDocument } from './projection-documents';

/** One item waiting for one audience (apps/api inbox-projection). */
export const inboxEntrySchema = new Schema<InboxEntryDocument>(
  {
    _id: { type: String, required: true },
    audience: { type: String, required: true },
    partnershipId: { type: String, required: true },
    sortKey: { type: String, required: true },
    item: { type: Schema.Types.Mixed, required: true },
  },
  { collection: 'inbox_entries', versionKey: false },
);
inboxEntrySchema.index({ audience: 1, sortKey: 1 });
inboxEntrySchema.index({ partnershipId: 1 });

/** A partnership as one viewer lists it. */
export const listingSchema = new Schema<ListingDocument>(
  {
    _id: { type: String, required: true },
    viewer: { type: String, required: true },
    partnershipId: { type: String, required: true },
    sortKey: { type: String, required: true },
    name: { type: String, required: true },
    stage: { type: String, required: true },
    status: { type: String, required: true },
    sdgGoals: { type: [Number], required: true },
    health: { type: String, default: null },
    province: String,
    regency: String,
    dueAt: String,
    changedAt: { type: String, required: true },
  },
  { collection: 'partnership_listings', versionKey: false },
);
listingSchema.index({ viewer: 1, sortKey: 1 });
listingSchema.index({ viewer: 1, stage: 1, sortKey: 1 });
listingSchema.index({ viewer: 1, health: 1, sortKey: 1 });
listingSchema.index({ viewer: 1, changedAt: -1, _id: -1 });
listingSchema.index({ partnershipId: 1 });

/** How many entries an audience or listings a viewer has: read instead of counting on every page. */
export interface ProjectionCountDocument {
  _id: string;
  count: number;
}
export const projectionCountSchema = new Schema<ProjectionCountDocument>(
  { _id: { type: String, required: true }, count: { type: Number, required: true } },
  { collection: 'projection_counts', versionKey: false },
);

/** An event the projection has applied: the unique `_id` makes a redelivered event a no-op. */
export interface ProjectedEventDocument {
  _id: string;
  partnershipId: string;
  at: Date;
}
export const projectedEventSchema = new Schema<ProjectedEventDocument>(
  {
    _id: { type: String, required: true },
    partnershipId: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'projected_events', versionKey: false },
);

/** A partnership's last chain verification, for the auditor's landing. */
export interface VerificationDocument {
  _id: string;
  intact: boolean;
  at: string;
}
export const verificationSchema = new Schema<VerificationDocument>(
  {
    _id: { type: String, required: true },
    intact: { type: Boolean, required: true },
    at: { type: String, required: true },
  },
  { collection: 'partnership_verifications', versionKey: false },
);

export const projectionModels = {
  inboxEntry: 'InboxEntry',
  listing: 'PartnershipListing',
  count: 'ProjectionCount',
  projectedEvent: 'ProjectedEvent',
  verification: 'PartnershipVerification',
} as const;
