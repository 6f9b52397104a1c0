/** What the lifecycle workflow announces (reminders, escalations, chases, membership changes). */
export const lifecycleNotificationTypes = [
  'lifecycle.stage.entered',
  'lifecycle.approval.reminded',
  'lifecycle.approval.escalated',
  'lifecycle.report.opened',
  'lifecycle.report.chased',
  'lifecycle.partnership.inactive',
  'lifecycle.partner.added',
  'lifecycle.partner.withdrawn',
  'lifecycle.mou.amendment_opened',
  'lifecycle.mou.amendment_refused',
  'lifecycle.mou.amendment_queued',
  'lifecycle.partnership.closed',
  'lifecycle.partnership.transferred',
  'lifecycle.partnership.renewed',
] as const;
export type LifecycleNotificationType = (typeof lifecycleNotificationTypes)[number];

/**
 * Announced by the api once the workflow has recorded a decision, so every member's open screens
 * re-read the partnership; the decision itself lives in the workflow's history. It goes through
 * JetStream with the decision id as message id, so a retried decision is stored once.
 */
export const decisionRecordedEventType = 'lifecycle.decision.recorded';

/**
 * Announced by the worker's event bridge once the workflow accepted a service event it records (a map's
 * check, targets chosen, a baseline fixed, funding committed, an MoU in force), so open screens re-read
 * the lifecycle state whose facts it changes; the service's own event reaches them before the workflow
 * has it. Only a notice, with the service event's id in its own.
 */
export const eventRecordedEventType = 'lifecycle.event.recorded';

/**
 * Announced by the api's inbox projection once it has applied an event of a partnership, so open inboxes and
 * lists re-read it: the event itself reaches them before the projection has it. Only a notice; the projection
 * leaves it out.
 */
export const inboxUpdatedEventType = 'lifecycle.inbox.updated';
