import type { ComponentType } from 'react';
import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { homePathFor, useCurrentUser } from '#shared/auth';
import { LoadingState } from '#shared/ui';
import { SignInPage } from '../features/auth';
import { HealthPage } from '../features/health';
import { AppLayout } from './layout/AppLayout';
import { NotFoundPage } from './layout/NotFoundPage';
import { PublicLayout } from './layout/PublicLayout';
import { RequireRole } from './layout/RequireRole';
import { RequireSession } from './layout/RequireSession';
import { navigationFor, type PageRoute } from './navigation';
import { pages, partnershipTabs } from './routes';

function guarded(Page: ComponentType, roles: PageRoute['roles']): ComponentType {
  if (!roles) return Page;
  return function GuardedPage() {
    return (
      <RequireRole roles={roles}>
        <Page />
      </RequireRole>
    );
  };
}

function routeOf(route: PageRoute): RouteObject {
  const lazy = async () => ({ Component: guarded(await route.page(), route.roles) });
  return route.path === '' ? { index: true, lazy } : { path: route.path, lazy };
}

function HomeRedirect() {
  return <Navigate to={homePathFor(useCurrentUser().role)} replace />;
}

export const appRoutes: RouteObject[] = [
  {
    Component: PublicLayout,
    HydrateFallback: LoadingState,
    children: [
      { path: 'sign-in', Component: SignInPage },
      { path: 'health', Component: HealthPage },
      {
        path: 'publik/kemitraan/:partnershipId/:year',
        lazy: async () => ({ Component: (await import('../features/publication')).PublicReportPage }),
      },
    ],
  },
  {
    Component: RequireSession,
    HydrateFallback: LoadingState,
    children: [
      {
        Component: AppLayout,
        children: [
          { index: true, Component: HomeRedirect },
          ...pages.map(routeOf),
          {
            path: 'partnerships/:partnershipId',
            lazy: async () => {
              const { PartnershipLayout } = await import('../features/partnerships');
              return {
                Component: function PartnershipWithTabs() {
                  return <PartnershipLayout tabs={navigationFor(partnershipTabs, useCurrentUser().role)} />;
                },
              };
            },
            children: partnershipTabs.map(routeOf),
          },
          { path: '*', Component: NotFoundPage },
        ],
      },
    ],
  },
];

export const createAppRouter = () => createBrowserRouter(appRoutes);
