import { ApiError } from '#shared/api';

/**
 * The preconditions a task still waits for, when the api refused to mark it done for that reason
 * (`lifecycle.task_fact_unmet`: its fact stopped holding after the screen was drawn); undefined otherwise.
 */
export function unmetFactsRefused(error: unknown): string[] | undefined {
  if (!(error instanceof ApiError) || error.refusal?.code !== 'lifecycle.task_fact_unmet') return undefined;
  const unmet = error.refusal.params?.preconditions;
  return Array.isArray(unmet) ? unmet : undefined;
}
