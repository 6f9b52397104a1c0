import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/charts/styles.css';
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

createRoot(root).render(
  <StrictMode>
    <App i18n={createI18n()} queryClient={queryClient} router={createAppRouter()} />
  </StrictMode>,
);
