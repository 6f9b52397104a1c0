export { HealthPage } from './components/HealthPage';
