/**
 * Shared types and schemas of the mesh templates plugins.
 *
 * @packageDocumentation
 */

export * from './istio';
export * from './spec';
export * from './health';
export * from './health/permissions';
export * from './polling';
export * from './runs';
