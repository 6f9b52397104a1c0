/** The events one revision raised, not yet published. */
export interface PendingRevisionEvents<TEvent> {
  aggregateId: string;
  revision: number;
  events: TEvent[];
}

/** Where `OutboxRelay` finds unpublished events and records that they went out (a `RevisionStore`). */
export interface OutboxSource<TEvent> {
  pendingEvents(query: { limit: number; aggregateId?: string }): Promise<PendingRevisionEvents<TEvent>[]>;
  markPublished(aggregateId: string, revision: number): Promise<void>;
}
