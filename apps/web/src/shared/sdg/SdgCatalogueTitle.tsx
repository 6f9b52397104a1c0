import { Text } from '@mantine/core';
import { useSdgTitles } from './sdg-catalogue';

/** The catalogue title of an SDG target or indicator code in the user's language; nothing while it loads. */
export function SdgCatalogueTitle({ code }: { code: string }) {
  const title = useSdgTitles()(code);
  return title ? (
    <Text size="xs" c="dimmed" lineClamp={2} title={title} data-testid="sdg-catalogue-title">
      {title}
    </Text>
  ) : null;
}
