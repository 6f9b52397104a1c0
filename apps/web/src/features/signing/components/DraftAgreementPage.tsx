import { Alert, Paper, SegmentedControl, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { AgreementKind } from '@mitra/contracts';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiErrorAlert, LoadingState } from '#shared/ui';
import { useCreateAgreement, useDraftPrefill, useTemplate } from '../hooks/useDrafting';
import { useSigningTranslation } from '../i18n';
import { AgreementForm } from './AgreementForm';

const kindOf = (value: string | null): AgreementKind => (value === 'pks' ? 'pks' : 'mou');

/**
 * `/partnerships/:partnershipId/agreements/new?kind=mou|pks`: a coordinator drafts an MoU or a
 * cooperation agreement from its template, starting from what the partnership already records.
 */
export function DraftAgreementPage() {
  const { partnershipId = '' } = useParams();
  const [searchParams, setSearchParams] = useSearchParams();
  const navigate = useNavigate();
  const { t, locale } = useSigningTranslation();
  const kind = kindOf(searchParams.get('kind'));
  const { templates, template } = useTemplate(kind);
  const prefill = useDraftPrefill(partnershipId);
  const create = useCreateAgreement(partnershipId);
  const language = locale === 'en' ? 'en' : 'id';
  const back = `/partnerships/${encodeURIComponent(partnershipId)}/agreements`;

  if (prefill.error) return <ApiErrorAlert error={prefill.error} onRetry={() => void prefill.refetch()} />;
  if (templates.error)
    return <ApiErrorAlert error={templates.error} onRetry={() => void templates.refetch()} />;
  if (!prefill.values || !templates.data) return <LoadingState />;

  return (
    <Stack gap="md" data-testid="draft-agreement-page">
      <Title order={2} size="h3">
        {t('draft.title', { kind: t(`kind.${kind}`) })}
      </Title>
      <SegmentedControl
        value={kind}
        onChange={(value) => setSearchParams({ kind: value }, { replace: true })}
        data={templates.data.map((candidate) => ({
          value: candidate.kind,
          label: t(`kind.${candidate.kind}`),
        }))}
        aria-label={t('draft.template')}
        data-testid="draft-template"
      />
      {template && (
        <Paper withBorder p="md" data-testid="template-clauses" data-template-id={template.templateId}>
          <Stack gap="xs">
            <Text fw={600}>
              {template.title[language]} · {t('draft.templateClauses')}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing={4}>
              {template.clauses.map((clause, index) => (
                <Text key={clause.key} size="sm">
                  {t('text.article', { number: index + 1 })} {clause.heading[language]}
                </Text>
              ))}
            </SimpleGrid>
          </Stack>
        </Paper>
      )}
      {prefill.values.parties.length === 0 ? (
        <Alert color="orange" data-testid="draft-no-partners">
          {t('draft.noPartners')}
        </Alert>
      ) : (
        <Text size="sm" c="dimmed">
          {t('draft.prefilled')}
        </Text>
      )}
      <AgreementForm
        kind={kind}
        initial={prefill.values}
        accounts={prefill.accounts}
        submitLabel={t('draft.submit')}
        send={(fields, idempotencyKey) => create.mutateAsync({ kind, fields, idempotencyKey })}
        savedMessage={() => t('draft.done')}
        onSaved={(agreement) => void navigate(`/agreements/${encodeURIComponent(agreement.id)}`)}
        onCancel={() => void navigate(back)}
      />
    </Stack>
  );
}
