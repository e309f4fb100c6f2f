/**
 * Shared types and schemas of the mesh templates plugins.
 *
 * @packageDocumentation
 */

export * from './spec';
export * from './health';
