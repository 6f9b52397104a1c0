import type { ComponentType } from 'react';
import type { UserRole } from '#shared/auth';
import type { NamespacedKey } from '#shared/i18n';

/** A page of the signed-in area: what the router mounts and the navigation lists. */
export interface PageRoute {
  /** Relative to its parent; '' is the parent's own page. */
  path: string;
  /** Who may open it; every signed-in role when left out. */
  roles?: readonly UserRole[];
  /** Its label in the navigation (or tab bar); pages without one are reached by links only. */
  label?: NamespacedKey;
  /** Loaded on first visit, so each feature (and its charts) is its own chunk. */
  page: () => Promise<ComponentType>;
  /** Shown beside the label in the navigation (a count), loaded with the navigation. */
  badge?: ComponentType;
}

export interface NavigationItem {
  path: string;
  label: NamespacedKey;
  badge?: ComponentType;
}

export const mayOpen = (route: Pick<PageRoute, 'roles'>, role: UserRole) =>
  !route.roles || route.roles.includes(role);

/** The pages a role sees in a navigation, in the order of the route table. */
export function navigationFor(routes: readonly PageRoute[], role: UserRole): NavigationItem[] {
  return routes.flatMap((route) =>
    route.label && mayOpen(route, role)
      ? [{ path: route.path, label: route.label, ...(route.badge ? { badge: route.badge } : {}) }]
      : [],
  );
}
