import '../health.css';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { healthRefreshIntervalMs, useHealthReport } from '../hooks/useHealthReport';
import { DependencyTable } from './DependencyTable';
import { HealthError } from './HealthError';
import { HealthSummary } from './HealthSummary';

export function HealthPage() {
  const { t, i18n } = useTranslation('health');
  const { report, failure, loading, refresh } = useHealthReport();
  const locale = i18n.resolvedLanguage ?? i18n.language;

  useEffect(() => {
    document.title = t('documentTitle');
  }, [t, locale]);

  return (
    <section className="page health-page" aria-labelledby="health-title">
      <header className="page__header">
        <div>
          <h1 id="health-title" data-testid="health-title">
            {t('title')}
          </h1>
          <p className="muted">{t('description', { seconds: healthRefreshIntervalMs / 1000 })}</p>
        </div>
        <button
          type="button"
          className="button"
          onClick={refresh}
          aria-busy={loading}
          data-testid="health-refresh"
        >
          {t('refresh')}
        </button>
      </header>

      {failure && <HealthError failure={failure} stale={report !== undefined} />}

      {report ? (
        <div className={failure ? 'stale' : undefined}>
          <HealthSummary report={report} locale={locale} />
          <DependencyTable dependencies={report.dependencies} locale={locale} />
        </div>
      ) : (
        !failure && (
          <p className="muted" data-testid="health-loading">
            {t('loading')}
          </p>
        )
      )}
    </section>
  );
}
