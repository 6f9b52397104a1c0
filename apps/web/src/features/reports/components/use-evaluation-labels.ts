import type { Sector } from '@mitra/contracts';
import { useReportsTranslation } from '../i18n';
import type { EvaluationErrors } from '../model/evaluation';

/** Translated client-side errors for an evaluation form. */
export function useEvaluationErrors() {
  const { t } = useReportsTranslation();
  return (errors: EvaluationErrors) =>
    Object.fromEntries(Object.entries(errors).map(([path, key]) => [path, t(`evaluation.errors.${key}`)]));
}

export function useSectorLabel() {
  const { t } = useReportsTranslation();
  return (sector: Sector) => t(`sectors.${sector}`);
}
