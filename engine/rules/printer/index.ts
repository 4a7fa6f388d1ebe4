export { print } from './print';
