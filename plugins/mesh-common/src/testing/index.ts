/**
 * Node-only helpers for tests, fixtures and benches of every package: loopback servers and free ports.
 * A subpath of its own (`@mesh-templates/plugin-mesh-common/testing`) so the package's main entry,
 * which the frontend imports, never pulls in `node:net` or `node:http`.
 *
 * @packageDocumentation
 */

export { freePort } from './freePort';
export { listenOnLoopback } from './listenOnLoopback';
export type { LoopbackServer } from './listenOnLoopback';
