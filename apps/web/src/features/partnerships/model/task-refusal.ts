import { ApiError } from '#shared/api';

/**
 * The preconditions a task still waits for, when the api refused to mark it done for that reason
 * (`task_fact_unmet`: its fact stopped holding after the screen was drawn); undefined otherwise.
 */
export function unmetFactsRefused(error: unknown): string[] | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const refusal = error.fieldErrors.find((fieldError) => fieldError.code === 'task_fact_unmet');
  const unmet = refusal?.params?.preconditions;
  return Array.isArray(unmet) ? unmet : undefined;
}
