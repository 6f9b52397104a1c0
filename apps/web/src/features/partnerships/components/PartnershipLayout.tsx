import { Badge, Button, Group, Stack, Tabs, Text } from '@mantine/core';
import { stageDefinition } from '@mitra/domain';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate, useParams } from 'react-router';
import { useCurrentUser } from '#shared/auth';
import { formatDate } from '#shared/format';
import { useLanguage, useNamespacedT, type NamespacedKey } from '#shared/i18n';
import { auditWorkspacePath, mayAuditPartnership } from '#shared/partnerships';
import { ApiErrorAlert, LoadingState, PageHeader } from '#shared/ui';
import { useLifecycleState } from '#shared/partnerships';

export interface PartnershipTab {
  /** Relative to the partnership page; '' is its first tab. */
  path: string;
  label: NamespacedKey;
}

export const statusColours: Record<string, string> = {
  active: 'green',
  paused: 'yellow',
  inactive: 'orange',
  closed: 'gray',
  transferred: 'blue',
  terminated: 'red',
};

/** `/partnerships/:partnershipId/*`: the partnership's name and standing over its tabs. */
export function PartnershipLayout({ tabs }: { tabs: readonly PartnershipTab[] }) {
  const { t } = useTranslation('partnerships');
  const label = useNamespacedT();
  const language = useLanguage();
  const { partnershipId = '' } = useParams();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const state = useLifecycleState(partnershipId);

  const base = `/partnerships/${encodeURIComponent(partnershipId)}`;
  // Mantine tabs need a non-empty value: the first tab ('') is '.'.
  const current =
    (pathname.startsWith(`${base}/`) ? pathname.slice(base.length + 1).split('/')[0] : '') || '.';

  if (state.isPending) return <LoadingState />;
  if (state.isError) return <ApiErrorAlert error={state.error} onRetry={() => void state.refetch()} />;
  const partnership = state.data;

  return (
    <Stack gap="md">
      <PageHeader
        title={partnership.name}
        testId="partnership-name"
        description={
          <Group gap="xs">
            <Badge variant="light" data-testid="partnership-stage" data-stage={partnership.stage}>
              {t('header.stage', { stage: stageDefinition(partnership.stage).title[language] })}
            </Badge>
            <Badge
              color={statusColours[partnership.status] ?? 'gray'}
              variant="dot"
              data-testid="partnership-status"
            >
              {t(`status.${partnership.status}`)}
            </Badge>
            <Text component="span" size="sm" c="dimmed">
              {t('header.cycle', { cycle: partnership.cycle })} ·{' '}
              {t('header.startedAt', { date: formatDate(partnership.startedAt, language) })}
            </Text>
          </Group>
        }
        actions={
          mayAuditPartnership(user, partnership) && (
            <Button
              component={Link}
              to={auditWorkspacePath(partnershipId)}
              variant="light"
              data-testid="open-audit"
            >
              {t('header.audit')}
            </Button>
          )
        }
      />
      <Tabs
        value={current}
        onChange={(value) => void navigate(value && value !== '.' ? `${base}/${value}` : base)}
        keepMounted={false}
      >
        <Tabs.List aria-label={t('tabs.label')}>
          {tabs.map((tab) => (
            <Tabs.Tab key={tab.path} value={tab.path || '.'} data-testid={`tab-${tab.path || 'process'}`}>
              {label(tab.label)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Outlet />
    </Stack>
  );
}
