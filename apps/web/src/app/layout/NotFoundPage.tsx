import { Button, Container, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '#shared/ui';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Container size="sm" py="xl" data-testid="not-found">
      <PageHeader title={t('notFound.title')} />
      <Text mb="md">{t('notFound.description')}</Text>
      <Button component={Link} to="/">
        {t('notFound.home')}
      </Button>
    </Container>
  );
}
