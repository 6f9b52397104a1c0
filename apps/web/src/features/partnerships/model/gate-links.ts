/**
 * Where each gate precondition is satisfied, under the partnership's page: the tab (and view) whose
 * screen makes the fact true, or the place on the process tab for the maturation decision.
 */
const preconditionPlaces: Record<string, string> = {
  'inclusive-map': '/stakeholders',
  'sdg-targets': '/reports?view=plan',
  baseline: '/reports?view=plan',
  'mou-effective': '/agreements',
  'funding-committed': '/funding?view=commitments',
  'reports-approved': '/reports?view=reports',
  'evaluation-completed': '/reports?view=evaluations',
  'maturation-decided': '#maturation',
};

const partnershipPage = (partnershipId: string) => `/partnerships/${encodeURIComponent(partnershipId)}`;

/** The screen that satisfies a precondition; the process tab for one this screen does not know. */
export const preconditionLink = (partnershipId: string, preconditionId: string) =>
  `${partnershipPage(partnershipId)}${preconditionPlaces[preconditionId] ?? ''}`;

/** A task or guiding question on the process tab (its row carries this anchor). */
export const taskAnchor = (taskId: string) => `task-${taskId}`;
export const questionAnchor = (questionId: string) => `question-${questionId}`;
