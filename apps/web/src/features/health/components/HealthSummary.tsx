import type { HealthReport } from '@mitra/contracts';
import { useTranslation } from 'react-i18next';
import { formatJakartaDateTime } from '../utils/format';

export function HealthSummary({ report, locale }: { report: HealthReport; locale: string }) {
  const { t } = useTranslation();
  const up = report.dependencies.filter((dependency) => dependency.status === 'up').length;

  return (
    <div className={`health-summary health-summary--${report.status}`} role="status">
      <div>
        <div className="health-summary__label">{t('health.overall.label')}</div>
        <div className="health-summary__status" data-testid="health-overall" data-status={report.status}>
          <span className="status-dot" aria-hidden="true" />
          {t(`health.overall.${report.status}`)}
        </div>
        <div className="health-summary__count" data-testid="health-count">
          {t('health.summary', { up, total: report.dependencies.length })}
        </div>
      </div>
      <time className="health-summary__checked" dateTime={report.checkedAt} data-testid="health-checked-at">
        {t('health.checkedAt', { time: formatJakartaDateTime(report.checkedAt, locale) })}
      </time>
    </div>
  );
}
