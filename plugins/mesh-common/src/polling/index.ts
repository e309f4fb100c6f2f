export { pollUntil, PollTimeoutError } from './pollUntil';
export type { PollUntilOptions } from './pollUntil';
export { pauseUnlessAborted } from './pauseUnlessAborted';
