import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { chooseLanguage, languages, useLanguage } from './language';

/** Two toggle buttons rather than a menu: both languages stay visible, each named in itself. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const current = useLanguage();

  return (
    <div role="group" aria-label={t('language.label')}>
      <Button.Group>
        {languages.map((language) => (
          <Button
            key={language}
            size="xs"
            variant={language === current ? 'white' : 'outline'}
            color={language === current ? undefined : 'white'}
            lang={language}
            aria-pressed={language === current}
            data-testid={`language-${language}`}
            onClick={() => void chooseLanguage(i18n, language)}
          >
            {t(`language.${language}`)}
          </Button>
        ))}
      </Button.Group>
    </div>
  );
}
