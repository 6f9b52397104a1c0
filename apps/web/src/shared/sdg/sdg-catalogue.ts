import type { SdgGoal, SdgIndicator, SdgTarget } from '@mitra/contracts';
import { sdgTitle } from '@mitra/domain';
import { useQueries } from '@tanstack/react-query';
import { api } from '#shared/api';
import { useLanguage, type Language } from '#shared/i18n';
import { queryKeys } from '#shared/query';

const forever = { staleTime: Infinity } as const;

/** The SDG catalogue (goals, targets, indicators in both languages): read once, it never changes. */
export function useSdgCatalogue() {
  const [goals, targets, indicators] = useQueries({
    queries: [
      {
        queryKey: queryKeys.sdgGoals,
        queryFn: ({ signal }: { signal: AbortSignal }) => api.get<SdgGoal[]>('/sdg/goals', { signal }),
        ...forever,
      },
      {
        queryKey: queryKeys.sdgTargets,
        queryFn: ({ signal }: { signal: AbortSignal }) => api.get<SdgTarget[]>('/sdg/targets', { signal }),
        ...forever,
      },
      {
        queryKey: queryKeys.sdgIndicators,
        queryFn: ({ signal }: { signal: AbortSignal }) =>
          api.get<SdgIndicator[]>('/sdg/indicators', { signal }),
        ...forever,
      },
    ],
  });
  return { goals, targets, indicators };
}

/** The title of a target (`11.6`) or an indicator (`11.6.1`) in the language given; undefined for an unknown code. */
export function sdgTitleOf(
  catalogue: { targets?: readonly SdgTarget[]; indicators?: readonly SdgIndicator[] },
  code: string,
  language: Language,
): string | undefined {
  const entries = code.split('.').length === 3 ? catalogue.indicators : catalogue.targets;
  const entry = entries?.find((candidate) => candidate.code === code);
  return entry && sdgTitle(entry, language);
}

/** Looks up catalogue titles of target and indicator codes in the user's language (undefined while loading). */
export function useSdgTitles(): (code: string) => string | undefined {
  const language = useLanguage();
  const { targets, indicators } = useSdgCatalogue();
  return (code) => sdgTitleOf({ targets: targets.data, indicators: indicators.data }, code, language);
}
