import { useTranslation } from 'react-i18next';
import { chooseLanguage, isLanguage, languages } from './i18n';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const current = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : undefined;

  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {languages.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          className="language-switch__option"
          aria-pressed={language === current}
          data-testid={`language-${language}`}
          onClick={() => void chooseLanguage(i18n, language)}
        >
          {t(`language.${language}`)}
        </button>
      ))}
    </div>
  );
}
