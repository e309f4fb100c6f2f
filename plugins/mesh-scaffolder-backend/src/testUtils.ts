/**
 * Test and benchmark helpers: local stateful contract servers that speak the GitHub, GitLab and
 * Kubernetes APIs the mesh actions use, for end-to-end tests where no real server can run.
 *
 * @packageDocumentation
 */

// This entry point exists to publish test helpers, so it is the one place that may re-export them.
/* eslint-disable no-restricted-imports */
export { startGitContractServers } from './gitops/__testUtils__/startGitContractServers';
export type { GitContractServers } from './gitops/__testUtils__/startGitContractServers';
export { benchApply } from './apply/__testUtils__/benchApply';
export type {
  ApplyBenchOptions,
  ApplyBenchResult,
} from './apply/__testUtils__/benchApply';
