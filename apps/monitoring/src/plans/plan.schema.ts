import type { MonitoringPlan } from '@mitra/contracts';
import { emptyPlan } from '@mitra/domain';
import type { DocumentLogOptions } from '../persistence/document-log';

/**
 * Every partnership's monitoring plan: one revision per command in `plan_changes` (`_id`
 * `<partnershipId>:<n>`, the change the command made and the events it raised), and the current plan
 * in `plan_snapshots` (`_id` the partnership id). See `DocumentLog`.
 */
export const planLog: DocumentLogOptions<MonitoringPlan> = {
  revisions: 'plan_changes',
  snapshots: 'plan_snapshots',
  snapshotFormat: 1,
  empty: emptyPlan,
  collections: { indicators: 'id', reports: 'id', evaluations: 'id' },
};
