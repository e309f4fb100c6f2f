import type { KubernetesObject } from '../bundle/meshBundle';
import type { FieldProblem } from './fieldProblem';
import { SAIL_SHAPES } from './sailShapes';
import type { StructuralShape } from './structuralShape';
import { isRecord } from './valuesAt';

const shapes: Record<string, StructuralShape> = {
  ...SAIL_SHAPES,
  'kiali.io/v1alpha1/Kiali': {
    specKeys: [
      'additional_display_details',
      'auth',
      'clustering',
      'custom_dashboards',
      'deployment',
      'extensions',
      'external_services',
      'health_config',
      'identity',
      'installation_tag',
      'istio_labels',
      'istio_namespace',
      'kiali_feature_flags',
      'login_token',
      'server',
      'version',
    ],
  },
  'jaegertracing.io/v1/Jaeger': {
    specKeys: [
      'affinity',
      'agent',
      'allInOne',
      'annotations',
      'collector',
      'ingester',
      'ingress',
      'imagePullPolicy',
      'imagePullSecrets',
      'labels',
      'livenessProbe',
      'query',
      'resources',
      'sampling',
      'securityContext',
      'serviceAccount',
      'storage',
      'strategy',
      'tolerations',
      'ui',
      'volumeMounts',
      'volumes',
    ],
  },
  'metallb.io/v1beta1/IPAddressPool': {
    specKeys: ['addresses', 'autoAssign', 'avoidBuggyIPs', 'serviceAllocation'],
    requiredSpecKeys: ['addresses'],
    stringLists: ['addresses'],
  },
  'metallb.io/v1beta1/L2Advertisement': {
    specKeys: [
      'interfaces',
      'ipAddressPoolSelectors',
      'ipAddressPools',
      'nodeSelectors',
    ],
    stringLists: ['ipAddressPools'],
  },
};

const topLevelKeys = new Set(['apiVersion', 'kind', 'metadata', 'spec']);
const metadataKeys = new Set([
  'name',
  'namespace',
  'labels',
  'annotations',
  'generateName',
  'finalizers',
]);
const dns1123Subdomain =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function metadataProblems(object: KubernetesObject): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const metadata = object.metadata as unknown;
  if (!isRecord(metadata)) {
    return [{ path: 'metadata', message: 'is required and must be an object' }];
  }
  for (const key of Object.keys(metadata)) {
    if (!metadataKeys.has(key)) {
      problems.push({
        path: `metadata.${key}`,
        message: 'unknown field in metadata',
      });
    }
  }
  const name = metadata.name;
  if (
    typeof name !== 'string' ||
    name.length > 253 ||
    !dns1123Subdomain.test(name)
  ) {
    problems.push({
      path: 'metadata.name',
      message:
        'must be a DNS-1123 subdomain (lower-case letters, digits, "-" and ".")',
    });
  }
  for (const mapKey of ['labels', 'annotations']) {
    const map = metadata[mapKey];
    if (map === undefined) continue;
    if (!isRecord(map) || Object.values(map).some(v => typeof v !== 'string')) {
      problems.push({
        path: `metadata.${mapKey}`,
        message: 'must map strings to strings',
      });
    }
  }
  return problems;
}

/**
 * Structural check of an object whose kind has no schema model: top-level keys, metadata, and
 * for the kinds in `shapes` the top-level spec keys. A kind not listed there only gets the
 * generic part and is named in a problem only if that part fails.
 */
export function structuralProblems(object: KubernetesObject): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const isKustomization =
    object.kind === 'Kustomization' &&
    object.apiVersion.startsWith('kustomize.config.k8s.io/');
  if (!isKustomization) {
    for (const key of Object.keys(object)) {
      if (!topLevelKeys.has(key)) {
        problems.push({
          path: key,
          message: `unknown top-level field for ${object.apiVersion} ${object.kind}`,
        });
      }
    }
    problems.push(...metadataProblems(object));
  }
  const shape = shapes[`${object.apiVersion}/${object.kind}`];
  if (!shape) {
    return problems;
  }
  const spec = object.spec;
  if (!isRecord(spec)) {
    return [
      ...problems,
      { path: 'spec', message: 'is required and must be an object' },
    ];
  }
  const allowed = new Set(shape.specKeys);
  for (const key of Object.keys(spec)) {
    if (!allowed.has(key)) {
      problems.push({
        path: `spec.${key}`,
        message: `unknown field: ${
          object.kind
        } spec accepts ${shape.specKeys.join(', ')}`,
      });
    }
  }
  for (const key of shape.requiredSpecKeys ?? []) {
    if (spec[key] === undefined) {
      problems.push({ path: `spec.${key}`, message: 'is required' });
    }
  }
  for (const key of shape.stringLists ?? []) {
    const list = spec[key];
    if (list === undefined) continue;
    if (
      !Array.isArray(list) ||
      list.length === 0 ||
      list.some(item => typeof item !== 'string' || item === '')
    ) {
      problems.push({
        path: `spec.${key}`,
        message: 'must be a non-empty list of non-empty strings',
      });
    }
  }
  return problems;
}
