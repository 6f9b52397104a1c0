import { Button, useMatches } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { chooseLanguage, languages, useLanguage } from './language';

/** Two toggle buttons rather than a menu: both languages stay visible, each named in itself. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const current = useLanguage();
  // On a phone the full names leave the header no room for the user menu.
  const names = useMatches({ base: 'language.short' as const, sm: 'language' as const });

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
            {t(`${names}.${language}`)}
          </Button>
        ))}
      </Button.Group>
    </div>
  );
}
