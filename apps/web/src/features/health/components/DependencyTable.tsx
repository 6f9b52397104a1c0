import type { DependencyHealth } from '@mitra/contracts';
import { useTranslation } from 'react-i18next';
import { formatLatency, isTranslatedDependencyName } from '../utils/format';

export function DependencyTable({
  dependencies,
  locale,
}: {
  dependencies: DependencyHealth[];
  locale: string;
}) {
  const { t } = useTranslation();
  const label = (name: string) => (isTranslatedDependencyName(name) ? t(`health.dependency.${name}`) : name);

  return (
    <div className="table-card">
      <table className="table" data-testid="health-dependencies">
        <caption>{t('health.table.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('health.table.name')}</th>
            <th scope="col">{t('health.table.kind')}</th>
            <th scope="col">{t('health.table.status')}</th>
            <th scope="col" className="table__number">
              {t('health.table.latency')}
            </th>
            <th scope="col">{t('health.table.detail')}</th>
          </tr>
        </thead>
        <tbody>
          {dependencies.map((dependency) => (
            <tr
              key={dependency.name}
              data-testid={`dependency-${dependency.name}`}
              data-status={dependency.status}
            >
              <th scope="row" data-testid="dependency-name">
                {label(dependency.name)}
              </th>
              <td data-testid="dependency-kind">{t(`health.kind.${dependency.kind}`)}</td>
              <td>
                <span className={`pill pill--${dependency.status}`} data-testid="dependency-status">
                  {t(`health.status.${dependency.status}`)}
                </span>
              </td>
              <td className="table__number" data-testid="dependency-latency">
                {formatLatency(dependency.latencyMs, locale)}
              </td>
              <td className="table__detail" data-testid="dependency-detail">
                {dependency.detail ?? <span className="muted">{t('health.table.empty')}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
