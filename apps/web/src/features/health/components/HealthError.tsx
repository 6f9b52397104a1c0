import { useTranslation } from 'react-i18next';
import type { HealthFetchFailure } from '../api/health-api';

export function HealthError({ failure, stale }: { failure: HealthFetchFailure; stale: boolean }) {
  const { t } = useTranslation('health');

  return (
    <div className="alert alert--error" role="alert" data-testid="health-error" data-reason={failure.reason}>
      <p>
        {failure.reason === 'unreachable'
          ? t('error.unreachable')
          : t('error.invalidResponse', { status: failure.httpStatus })}
      </p>
      {stale && <p className="alert__note">{t('error.stale')}</p>}
    </div>
  );
}
