import { useTranslation } from 'react-i18next';
import { HealthPage } from '../features/health/components/HealthPage';
import { LanguageSwitch } from '../i18n/LanguageSwitch';

export function App() {
  const { t } = useTranslation();

  return (
    <div className="app">
      <header className="app-header">
        <div className="app-header__inner">
          <div className="brand">
            <span className="brand__name" data-testid="app-name">
              {t('app.name')}
            </span>
            <span className="brand__tagline">{t('app.tagline')}</span>
          </div>
          <LanguageSwitch />
        </div>
      </header>
      <main className="app-main">
        <HealthPage />
      </main>
    </div>
  );
}
