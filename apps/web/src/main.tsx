import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/charts/styles.css';
import './shared/ui/skip-link.css';
import './shared/ui/stacked-table.css';
import { notifications } from '@mantine/notifications';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { apiSession } from '#shared/api';
import { endSession } from '#shared/auth';
import { App } from './app/App';
import { createQueryClient } from './app/query-client';
import { createAppRouter } from './app/router';
import { createI18n } from './i18n/i18n';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

const queryClient = createQueryClient();
// Any 401 means the session is over: the guard then sends the user to the sign-in page.
apiSession.onUnauthenticated(() => endSession(queryClient));

const i18n = createI18n();
// A command whose outcome is unknown is sent again with its idempotency key; say so meanwhile.
const stillProcessingId = 'still-processing';
apiSession.onStillProcessing((processing) => {
  if (processing) notifications.show({ id: stillProcessingId, loading: true, autoClose: false, withCloseButton: false, message: i18n.t('states.stillProcessing') });
  else notifications.hide(stillProcessingId);
});

createRoot(root).render(
  <StrictMode>
    <App i18n={i18n} queryClient={queryClient} router={createAppRouter()} />
  </StrictMode>,
);
