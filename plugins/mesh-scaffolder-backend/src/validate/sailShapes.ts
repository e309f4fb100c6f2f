import { SAIL_OPERATOR_FACTS } from '@mesh-templates/plugin-mesh-common';
import type { StructuralShape } from './structuralShape';

const { apiVersion } = SAIL_OPERATOR_FACTS;

/**
 * The Sail Operator kinds the bundle renders. No kubernetes-models package types them, so the
 * runtime validator checks their top-level spec keys here (from the Sail API reference), and the
 * conformance suite validates them in full against the Sail CRDs' openAPIV3Schema.
 */
export const SAIL_SHAPES: Record<string, StructuralShape> = {
  [`${apiVersion}/Istio`]: {
    specKeys: ['namespace', 'profile', 'updateStrategy', 'values', 'version'],
  },
  [`${apiVersion}/IstioRevisionTag`]: {
    specKeys: ['targetRef'],
    requiredSpecKeys: ['targetRef'],
  },
  [`${apiVersion}/IstioCNI`]: {
    specKeys: ['namespace', 'profile', 'values', 'version'],
  },
  [`${apiVersion}/ZTunnel`]: {
    specKeys: ['namespace', 'targetRef', 'values', 'version'],
  },
};
