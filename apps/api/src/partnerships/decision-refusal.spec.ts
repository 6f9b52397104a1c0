import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { decisionRefusedFailureType, type DecisionRefusal } from '@mitra/contracts';
import { refusalOf } from './decision-refusal';

const refusedBy = (refusal: DecisionRefusal) =>
  new WorkflowUpdateFailedError(
    'Workflow Update failed',
    ApplicationFailure.create({
      type: decisionRefusedFailureType,
      message: refusal.reason,
      details: [refusal],
    }),
  );

describe("the workflow's refusal of a decision, as the api says it", () => {
  it("puts the code zod would give on the field the workflow's payload checks refused", () => {
    const error = refusalOf(
      refusedBy({
        code: 'VALIDATION_FAILED',
        field: 'reason',
        reason: 'reason must give a reason of at least 10 characters',
        fieldCode: 'too_small',
        params: { origin: 'string', minimum: 10 },
      }),
    );
    expect(error?.toBody()).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'reason must give a reason of at least 10 characters',
      errors: [
        {
          field: 'reason',
          reason: 'reason must give a reason of at least 10 characters',
          code: 'too_small',
          params: { origin: 'string', minimum: 10 },
        },
      ],
    });
  });

  it("names a lifecycle rule's refusal with its code and parameters", () => {
    const error = refusalOf(
      refusedBy({
        code: 'CONFLICT',
        field: 'taskId',
        reason: 'Task 1.4 is done once its fact holds; not yet: inclusive-map.',
        rule: 'task_fact_unmet',
        params: { taskId: '1.4', preconditions: ['inclusive-map'] },
      }),
    );
    expect(error?.toBody()).toMatchObject({
      code: 'CONFLICT',
      refusal: {
        code: 'lifecycle.task_fact_unmet',
        params: { taskId: '1.4', preconditions: ['inclusive-map'] },
      },
    });
    expect(error?.errors).toBeUndefined();
  });

  it('leaves any other failure of the Update alone', () => {
    const other = new WorkflowUpdateFailedError(
      'Workflow Update failed',
      ApplicationFailure.create({ message: 'x' }),
    );
    expect(refusalOf(other)).toBeUndefined();
  });
});
