import { KubernetesObject } from '../bundle/meshBundle';
import { ObjectApplyResult } from './applyResult';
import { ClusterObjectApi, ObjectReference } from './clusterObjectApi';

/** The service account `istioctl create-remote-secret` hands to peers: read-only, Istio's name. */
export const ISTIO_READER_SERVICE_ACCOUNT = 'istio-reader-service-account';

/**
 * Lifetime of a remote secret's token. Bounded, so a leaked remote secret stops working on its own;
 * re-running the apply with `remoteSecrets: true` requests fresh tokens and replaces the secrets.
 */
export const REMOTE_SECRET_TOKEN_SECONDS = 30 * 24 * 3600;

const READ = ['get', 'list', 'watch'];

/**
 * The rules of the reader ClusterRole of Istio's `base` chart: what istiod needs to discover a
 * remote cluster's services and endpoints. Nothing here creates CRDs, roles or workloads.
 */
const ISTIO_READER_RULES = [
  {
    apiGroups: [
      'config.istio.io',
      'security.istio.io',
      'networking.istio.io',
      'authentication.istio.io',
      'rbac.istio.io',
      'telemetry.istio.io',
      'extensions.istio.io',
    ],
    resources: ['*'],
    verbs: READ,
  },
  {
    apiGroups: [''],
    resources: [
      'endpoints',
      'pods',
      'services',
      'nodes',
      'replicationcontrollers',
      'namespaces',
      'secrets',
    ],
    verbs: READ,
  },
  {
    apiGroups: ['gateway.networking.k8s.io'],
    resources: ['gateways'],
    verbs: READ,
  },
  {
    apiGroups: ['apiextensions.k8s.io'],
    resources: ['customresourcedefinitions'],
    verbs: READ,
  },
  {
    apiGroups: ['discovery.k8s.io'],
    resources: ['endpointslices'],
    verbs: READ,
  },
  { apiGroups: ['apps'], resources: ['replicasets'], verbs: READ },
  {
    apiGroups: ['authentication.k8s.io'],
    resources: ['tokenreviews'],
    verbs: ['create'],
  },
  {
    apiGroups: ['authorization.k8s.io'],
    resources: ['subjectaccessreviews'],
    verbs: ['create'],
  },
];

/** The reader service account, its ClusterRole and the binding, named as Istio's base chart names them. */
export function istioReaderObjects(
  namespace: string,
): Array<KubernetesObject & ObjectReference> {
  const roleName = `istio-reader-clusterrole-${namespace}`;
  const labels = { app: 'istio-reader' };
  return [
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: ISTIO_READER_SERVICE_ACCOUNT, namespace, labels },
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: roleName, labels },
      rules: ISTIO_READER_RULES,
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: roleName, labels },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: roleName,
      },
      subjects: [
        {
          kind: 'ServiceAccount',
          name: ISTIO_READER_SERVICE_ACCOUNT,
          namespace,
        },
      ],
    },
  ];
}

/**
 * Creates the reader objects that are missing and leaves existing ones alone: Istio's base chart
 * may own them already, and taking its fields would fight Helm on the next upgrade.
 */
export async function ensureIstioReader(
  client: ClusterObjectApi,
  namespace: string,
): Promise<ObjectApplyResult[]> {
  const results: ObjectApplyResult[] = [];
  for (const object of istioReaderObjects(namespace)) {
    const exists = await client.readObject(object);
    if (!exists) {
      await client.serverSideApply(object, { dryRun: false, force: false });
    }
    results.push({
      cluster: client.clusterName,
      apiVersion: object.apiVersion,
      kind: object.kind,
      name: object.metadata.name,
      ...(object.metadata.namespace && {
        namespace: object.metadata.namespace,
      }),
      outcome: exists ? 'unchanged' : 'created',
    });
  }
  return results;
}
