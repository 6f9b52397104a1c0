import {
  Badge,
  Button,
  Code,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Tabs,
  Text,
} from '@mantine/core';
import type { Language } from '@mitra/contracts';
import { contentHashOf } from '@mitra/domain';
import { useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useCurrentUser } from '#shared/auth';
import { formatDateTime } from '#shared/format';
import { ApiErrorAlert, LoadingState, PageHeader } from '#shared/ui';
import { useAgreement, useVerification, useVersion } from '../hooks/useAgreementQueries';
import { useSigningTranslation } from '../i18n';
import { draftingActionsFor } from '../model/drafting';
import { defaultVersionOf, roundOf, signatoryRows, signingActionFor } from '../model/signatories';
import { CancelRoundModal } from './CancelRoundModal';
import { MembershipQueue } from './MembershipQueue';
import { SignatoriesTable, VerificationSummary } from './SignatoriesTable';
import { OpenSigningModal } from './OpenSigningModal';
import { agreementStatusColour } from './status-colours';
import { SigningPanel } from './SigningPanel';
import { VersionChanges } from './VersionChanges';
import { VersionText } from './VersionText';

const pageTabs = ['signatures', 'text', 'changes'] as const;
type PageTab = (typeof pageTabs)[number];
const tabOf = (value: string | null): PageTab => pageTabs.find((tab) => tab === value) ?? 'signatures';

/**
 * `/agreements/:agreementId[?version=n&tab=signatures|text|changes]`: read a version, see what changed,
 * who signed; sign or decline. Coordinators also revise the draft and open it for signing here.
 */
export function AgreementPage() {
  const { agreementId = '' } = useParams();
  const [searchParams, setSearchParams] = useSearchParams();
  const { t, locale } = useSigningTranslation();
  const user = useCurrentUser();
  const [language, setLanguage] = useState<Language>(locale === 'en' ? 'en' : 'id');
  const [opening, setOpening] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const tab = tabOf(searchParams.get('tab'));
  const show = (name: string, value: string | null) =>
    setSearchParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === null) next.delete(name);
        else next.set(name, value);
        return next;
      },
      { replace: name === 'tab' },
    );

  const agreement = useAgreement(agreementId);
  const requested = Number(searchParams.get('version'));
  const versionNumber =
    Number.isInteger(requested) && requested >= 1
      ? requested
      : agreement.data
        ? defaultVersionOf(agreement.data)
        : undefined;
  const version = useVersion(agreementId, versionNumber);
  const verification = useVerification(agreement.data, versionNumber);
  // Recomputed here from the text shown: the reader sees for themselves that it is what the hash covers.
  const recomputedHash = useMemo(() => {
    try {
      return version.data ? contentHashOf(version.data.content) : undefined;
    } catch {
      return undefined; // Content with no canonical form cannot match any hash.
    }
  }, [version.data]);

  if (agreement.error)
    return <ApiErrorAlert error={agreement.error} onRetry={() => void agreement.refetch()} />;
  if (version.error) return <ApiErrorAlert error={version.error} onRetry={() => void version.refetch()} />;
  if (!agreement.data || !version.data || versionNumber === undefined) return <LoadingState />;

  const data = agreement.data;
  const current = version.data;
  const round = roundOf(data, current.number);
  const action = signingActionFor(user, data, current.number);
  const rows = signatoryRows(data, current, verification.data);
  const intact = recomputedHash === current.contentHash;
  const drafting = draftingActionsFor(user, data, current.number);
  const organisationName = (organisationId: string) =>
    data.rounds.flatMap((r) => r.parties).find((p) => p.organisationId === organisationId)
      ?.organisationName ?? organisationId;

  return (
    <Stack gap="lg" data-testid="agreement-page" data-agreement-id={data.id} data-version={current.number}>
      <PageHeader
        title={current.content.text[locale === 'en' ? 'en' : 'id'].title}
        testId="agreement-title"
        description={t(`kind.${data.kind}`)}
        actions={
          <Group>
            {drafting.revise && (
              <Button
                component={Link}
                to={`/agreements/${encodeURIComponent(data.id)}/revise`}
                variant="light"
                data-testid="revise-agreement"
              >
                {t('actions.revise')}
              </Button>
            )}
            {drafting.openSigning && (
              <Button onClick={() => setOpening(true)} data-testid="open-signing">
                {t('actions.openSigning')}
              </Button>
            )}
            {drafting.cancelRound && (
              <Button
                color="red"
                variant="light"
                onClick={() => setCancelling(true)}
                data-testid="cancel-round"
              >
                {t('actions.cancelRound')}
              </Button>
            )}
            <Badge
              size="lg"
              color={agreementStatusColour[data.status]}
              data-testid="agreement-status"
              data-status={data.status}
            >
              {t(`status.${data.status}`)}
            </Badge>
            <Select
              aria-label={t('version.choose')}
              data={data.versions.map((v) => ({
                value: String(v.number),
                label: t('version.label', { number: v.number }),
              }))}
              value={String(current.number)}
              onChange={(value) => value && show('version', value)}
              allowDeselect={false}
              w={140}
              data-testid="version-select"
            />
          </Group>
        }
      />

      <Paper withBorder p="sm">
        <Stack gap={4}>
          <Text size="sm">
            {t('version.summary', {
              number: current.number,
              total: data.latestVersion,
              time: formatDateTime(current.createdAt, locale),
            })}
            {data.effectiveVersion === current.number && ` · ${t('version.inForce')}`}
          </Text>
          <Text size="sm">
            {t('version.hash')} <Code data-testid="content-hash">{current.contentHash}</Code>
          </Text>
          <Text size="xs" c={intact ? 'teal' : 'red'} data-testid="hash-check" data-intact={intact}>
            {intact ? t('version.hashMatches') : t('version.hashMismatch')}
          </Text>
          {round && (
            <Text size="xs" c="dimmed">
              {t(`round.${round.status}`, {
                time: formatDateTime(round.closedAt ?? round.expiresAt, locale),
              })}
              {' · '}
              {t(`round.mode.${round.mode}`)}
            </Text>
          )}
          {round?.endedBy && (
            <Text size="xs" data-testid="round-ending">
              {t('round.endedBy', { reason: round.endedBy.reason })}
            </Text>
          )}
        </Stack>
      </Paper>

      {action.kind === 'act' && (
        <SigningPanel
          user={user}
          agreementId={data.id}
          partnershipId={data.partnershipId}
          version={current}
          action={action}
        />
      )}

      {data.membershipQueue.length > 0 && (
        <MembershipQueue queue={data.membershipQueue} organisationName={organisationName} />
      )}

      {cancelling && round && (
        <CancelRoundModal
          partnershipId={data.partnershipId}
          agreementId={data.id}
          round={round}
          onClose={() => setCancelling(false)}
        />
      )}

      {opening && (
        <OpenSigningModal
          partnershipId={data.partnershipId}
          agreementId={data.id}
          version={current}
          onClose={() => setOpening(false)}
        />
      )}

      <Tabs value={tab} onChange={(value) => show('tab', value)} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="signatures" data-testid="tab-signatures">
            {t('tabs.signatures')}
          </Tabs.Tab>
          <Tabs.Tab value="text" data-testid="tab-text">
            {t('tabs.text')}
          </Tabs.Tab>
          <Tabs.Tab value="changes" data-testid="tab-changes">
            {t('tabs.changes')}
          </Tabs.Tab>
        </Tabs.List>

        <Tabs.Panel value="signatures" pt="md">
          <Stack gap="md">
            {verification.data && <VerificationSummary report={verification.data} />}
            {verification.error && <ApiErrorAlert error={verification.error} />}
            <SignatoriesTable rows={rows} />
          </Stack>
        </Tabs.Panel>

        <Tabs.Panel value="text" pt="md">
          <Stack gap="md">
            <SegmentedControl
              value={language}
              onChange={(value) => setLanguage(value as Language)}
              data={[
                { value: 'id', label: t('language.id') },
                { value: 'en', label: t('language.en') },
              ]}
              data-testid="text-language"
            />
            {language === 'en' && (
              <Text size="xs" c="dimmed">
                {t('language.bindingNote')}
              </Text>
            )}
            <Paper withBorder p="lg">
              <VersionText text={current.content.text[language]} language={language} />
            </Paper>
          </Stack>
        </Tabs.Panel>

        <Tabs.Panel value="changes" pt="md">
          <Stack gap="md">
            <SegmentedControl
              value={language}
              onChange={(value) => setLanguage(value as Language)}
              data={[
                { value: 'id', label: t('language.id') },
                { value: 'en', label: t('language.en') },
              ]}
            />
            <VersionChanges
              agreementId={data.id}
              versionNumber={current.number}
              basedOn={current.basedOn}
              language={language}
            />
          </Stack>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
