import { Stack, Text, Title } from '@mantine/core';
import type { Language, RenderedText } from '@mitra/contracts';
import { useSigningTranslation } from '../i18n';

/** The version's text exactly as rendered and hashed: nothing is reworded for display. */
export function VersionText({ text, language }: { text: RenderedText; language: Language }) {
  const { t } = useSigningTranslation();

  return (
    <Stack gap="md" lang={language} data-testid="version-text">
      <Title order={2} size="h3" ta="center" data-testid="version-title">
        {text.title}
      </Title>
      {text.opening.map((line, index) => (
        <Text key={index}>{line}</Text>
      ))}
      {text.clauses.map((clause) => (
        <Stack key={clause.key} gap={6} component="section" data-testid={`clause-${clause.key}`}>
          <Title order={3} size="h5" ta="center">
            {t('text.article', { number: clause.number, lng: language })}
            <br />
            {clause.heading}
          </Title>
          {clause.lines.map((line, index) => (
            <Text key={index} size="sm">
              {line}
            </Text>
          ))}
        </Stack>
      ))}
    </Stack>
  );
}
