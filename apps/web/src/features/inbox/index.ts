export { InboxLanding } from './components/InboxLanding';
export { InboxNavCount } from './components/InboxNavCount';
