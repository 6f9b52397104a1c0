import type { HealthReport } from '@mitra/contracts';
import { useTranslation } from 'react-i18next';
import { formatJakartaDateTime } from '#shared/format';

export function HealthSummary({ report, locale }: { report: HealthReport; locale: string }) {
  const { t } = useTranslation('health');
  const up = report.dependencies.filter((dependency) => dependency.status === 'up').length;

  return (
    <div className={`health-summary health-summary--${report.status}`} role="status">
      <div>
        <div className="health-summary__label">{t('overall.label')}</div>
        <div className="health-summary__status" data-testid="health-overall" data-status={report.status}>
          <span className="status-dot" aria-hidden="true" />
          {t(`overall.${report.status}`)}
        </div>
        <div className="health-summary__count" data-testid="health-count">
          {t('summary', { up, total: report.dependencies.length })}
        </div>
      </div>
      <time className="health-summary__checked" dateTime={report.checkedAt} data-testid="health-checked-at">
        {t('checkedAt', { time: formatJakartaDateTime(report.checkedAt, locale) })}
      </time>
    </div>
  );
}
