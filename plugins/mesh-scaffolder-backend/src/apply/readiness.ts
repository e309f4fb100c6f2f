import { KubernetesObject } from '@kubernetes/client-node';

/** Whether an object is ready, with the detail shown in the task log when it is not. */
export interface Readiness {
  ready: boolean;
  detail: string;
}

/** The status fields readiness is read from; every kind apply waits for has one or the other. */
interface StatusOf {
  status?: {
    conditions?: Array<{
      type?: string;
      status?: string;
      reason?: string;
      message?: string;
    }>;
    health?: { status?: string };
  };
}

type ReadinessCheck = (object: KubernetesObject) => Readiness;

const conditionsOf = (object: KubernetesObject | undefined) =>
  (object as StatusOf | undefined)?.status?.conditions ?? [];

function condition(type: string): ReadinessCheck {
  return object => {
    const found = conditionsOf(object).find(c => c?.type === type);
    if (!found) {
      return { ready: false, detail: `no ${type} condition yet` };
    }
    return {
      ready: found.status === 'True',
      detail: `${type}=${found.status}${
        found.reason ? ` (${found.reason})` : ''
      }${found.message ? `: ${found.message}` : ''}`,
    };
  };
}

const argoHealthy: ReadinessCheck = object => {
  const health = (object as StatusOf).status?.health?.status;
  return {
    ready: health === 'Healthy',
    detail: `health ${health ?? 'unknown'}`,
  };
};

/** Kinds whose readiness the apply step knows how to read, by API group. */
const CHECKS: Record<string, ReadinessCheck> = {
  'apps/Deployment': condition('Available'),
  'helm.toolkit.fluxcd.io/HelmRelease': condition('Ready'),
  'kustomize.toolkit.fluxcd.io/Kustomization': condition('Ready'),
  'source.toolkit.fluxcd.io/HelmRepository': condition('Ready'),
  'argoproj.io/Application': argoHealthy,
  'cert-manager.io/Certificate': condition('Ready'),
  'cert-manager.io/Issuer': condition('Ready'),
  'cert-manager.io/ClusterIssuer': condition('Ready'),
};

/**
 * The readiness check for an applied object, or undefined when there is nothing to wait for.
 * Custom resources of other kinds are waited for only when they publish a Ready condition;
 * most Istio resources (PeerAuthentication, Telemetry) have no status to wait on.
 */
export function readinessCheckFor(
  apiVersion: string,
  kind: string,
  applied: KubernetesObject | undefined,
): ReadinessCheck | undefined {
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  const known = CHECKS[`${group}/${kind}`];
  if (known) {
    return known;
  }
  const isCustom = group.includes('.') && !group.endsWith('.k8s.io');
  const hasReady = conditionsOf(applied).some(c => c?.type === 'Ready');
  return isCustom && hasReady ? condition('Ready') : undefined;
}
