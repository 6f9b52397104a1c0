import { resources } from '../i18n/i18n';
import { navigationFor, type PageRoute } from './navigation';
import { pages, partnershipTabs } from './routes';

const page = async () => () => null;

describe('navigationFor', () => {
  const routes: PageRoute[] = [
    { path: 'inbox', roles: ['coordinator', 'admin'], label: 'inbox:nav', page },
    { path: 'partnerships', label: 'partnerships:nav', page },
    { path: 'hidden', page },
  ];

  it('lists the labelled pages a role may open, in order', () => {
    expect(navigationFor(routes, 'coordinator').map((item) => item.path)).toEqual(['inbox', 'partnerships']);
    expect(navigationFor(routes, 'partner').map((item) => item.path)).toEqual(['partnerships']);
  });

  it('gives every role its inbox, with its count, then the partnerships and the SDG view', () => {
    for (const role of ['admin', 'coordinator', 'partner', 'auditor'] as const) {
      expect(navigationFor(pages, role).map((item) => item.path)).toEqual(['inbox', 'partnerships', 'sdg']);
      expect(navigationFor(pages, role)[0].badge).toBeDefined();
    }
  });
});

describe('route labels', () => {
  const lookup = (language: 'id' | 'en', key: string): unknown => {
    const [namespace, path] = key.split(':');
    return path
      .split('.')
      .reduce<unknown>(
        (node, part) => (node as Record<string, unknown> | undefined)?.[part],
        (resources[language] as Record<string, unknown>)[namespace],
      );
  };

  it.each(['id', 'en'] as const)('all resolve to a text in %s', (language) => {
    const labels = [...pages, ...partnershipTabs].flatMap((route) => (route.label ? [route.label] : []));
    expect(labels.filter((label) => typeof lookup(language, label) !== 'string')).toEqual([]);
  });
});
