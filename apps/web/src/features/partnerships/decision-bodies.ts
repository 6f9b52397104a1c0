import { safeHttpUrl } from '#shared/ui';

export interface EvidenceRow {
  label: string;
  url: string;
}

export interface CompleteTaskValues {
  note: string;
  evidence: EvidenceRow[];
}

/** The `completeTask` body: trimmed, with empty links and an empty note left out. */
export function completeTaskBody(taskId: string, values: CompleteTaskValues) {
  const note = values.note.trim();
  return {
    taskId,
    evidence: values.evidence.map(({ label, url }) => ({
      label: label.trim(),
      ...(url.trim() ? { url: url.trim() } : {}),
    })),
    ...(note ? { note } : {}),
  };
}

/** Checks of one evidence row, as keys of the partnerships namespace. */
export const evidenceChecks = {
  label: (value: string) => (value.trim() ? null : 'completeTask.labelRequired'),
  url: (value: string) => (!value.trim() || safeHttpUrl(value.trim()) ? null : 'completeTask.urlInvalid'),
} as const;

export const minimumAnswerLength = 3;
export const minimumReasonLength = 10;
