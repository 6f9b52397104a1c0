import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import {
  decisionRefusedFailureType,
  ErrorCode,
  MitraError,
  type DecisionRefusal,
  type Refusal,
} from '@mitra/contracts';

const refusalCodes: Record<DecisionRefusal['code'], ErrorCode> = {
  FORBIDDEN: ErrorCode.Forbidden,
  CONFLICT: ErrorCode.Conflict,
  VALIDATION_FAILED: ErrorCode.ValidationFailed,
};

/** The workflow's refusal of a decision as the api's error; undefined for any other failure of the Update. */
export function refusalOf(error: WorkflowUpdateFailedError): MitraError | undefined {
  const cause = error.cause;
  if (!(cause instanceof ApplicationFailure) || cause.type !== decisionRefusedFailureType) return undefined;
  const refusal = cause.details?.[0] as DecisionRefusal | undefined;
  if (!refusal) return undefined;
  const worded: Refusal | undefined = refusal.rule && {
    code: `lifecycle.${refusal.rule}`,
    ...(refusal.params ? { params: refusal.params } : {}),
  };
  // A validation failure is the field's, worded under it; any other refusal is the decision's as a whole.
  // A malformed payload has no rule: its field carries the code zod's schema would have given it.
  const atField = refusal.field && refusal.code === 'VALIDATION_FAILED';
  const fieldWorded =
    worded ??
    (refusal.fieldCode && { code: refusal.fieldCode, ...(refusal.params ? { params: refusal.params } : {}) });
  return new MitraError(
    refusalCodes[refusal.code],
    refusal.reason,
    atField ? [{ field: refusal.field!, reason: refusal.reason, ...fieldWorded }] : undefined,
    worded,
  );
}
