export { SdgPage } from './components/SdgPage';
