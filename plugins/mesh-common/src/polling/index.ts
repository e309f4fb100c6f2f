export { pollUntil, PollTimeoutError } from './pollUntil';
export type { PollUntilOptions } from './pollUntil';
