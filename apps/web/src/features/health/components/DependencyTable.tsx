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
  const { t } = useTranslation('health');
  const label = (name: string) => (isTranslatedDependencyName(name) ? t(`dependency.${name}`) : name);

  return (
    <div className="table-card">
      <table className="table" data-testid="health-dependencies">
        <caption>{t('table.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('table.name')}</th>
            <th scope="col">{t('table.kind')}</th>
            <th scope="col">{t('table.status')}</th>
            <th scope="col" className="table__number">
              {t('table.latency')}
            </th>
            <th scope="col">{t('table.detail')}</th>
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
              <td data-testid="dependency-kind">{t(`kind.${dependency.kind}`)}</td>
              <td>
                <span className={`pill pill--${dependency.status}`} data-testid="dependency-status">
                  {t(`status.${dependency.status}`)}
                </span>
              </td>
              <td className="table__number" data-testid="dependency-latency">
                {formatLatency(dependency.latencyMs, locale)}
              </td>
              <td className="table__detail" data-testid="dependency-detail">
                {dependency.detail ?? <span className="muted">{t('table.empty')}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
