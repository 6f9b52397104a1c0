import { useCurrentUser } from '#shared/auth';
import { InboxPage } from './InboxPage';
import { RecentChangesPage } from './RecentChangesPage';

/** Each role's first screen: what awaits it; an auditor, who acts on nothing, sees what changed. */
export function InboxLanding() {
  return useCurrentUser().role === 'auditor' ? <RecentChangesPage /> : <InboxPage />;
}
