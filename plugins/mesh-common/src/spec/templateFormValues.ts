import type { MeshClusterSpec } from './meshClusterSpec';
import { safeParseMeshClusterSpec } from './parseMeshClusterSpec';

/**
 * Spec fields whose default depends on other fields (withDerivedDefaults). The form leaves them
 * empty unless someone set them, so that changing what they follow (the Istio version, the
 * monitoring stack, a TLS host) changes them too.
 */
export const DERIVED_SPEC_FIELDS = [
  'istio.tag',
  'ingressGateway.tls.secretName',
  'ingressGateway.tls.certificateName',
  'observability.prometheus.namespace',
  'observability.prometheus.url',
  'observability.tracing.backendNamespace',
  'observability.tracing.proxyExportAddress',
  'observability.tracing.collectorExportAddress',
  'observability.tracing.queryUrl',
  'observability.grafana.namespace',
  'observability.grafana.url',
  'observability.kiali.externalUrls.prometheus',
  'observability.kiali.externalUrls.tracing',
  'observability.kiali.externalUrls.grafana',
  'gitops.targetPath',
  'gitops.controllerNamespace',
] as const;

type Tree = Record<string, unknown>;

function valueAt(tree: Tree, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((node, key) => (node as Tree | undefined)?.[key], tree);
}

function withoutFields(tree: Tree, paths: readonly string[]): Tree {
  const copy = structuredClone(tree);
  for (const path of paths) {
    const keys = path.split('.');
    const parent = valueAt(copy, keys.slice(0, -1).join('.')) as Tree;
    if (parent) delete parent[keys[keys.length - 1]];
  }
  return copy;
}

/** JSON with sorted keys, to compare two specs whatever order their fields were written in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}

/**
 * The Create mesh cluster form's values for a committed spec ("Change mesh"): the form's pages
 * hold the spec's sections as they are, except derived fields, which are left out when the spec
 * derives exactly the committed value without them. Submitting the values unchanged gives the
 * same spec back.
 */
export function templateFormValues(spec: MeshClusterSpec): Tree {
  const tree = JSON.parse(JSON.stringify(spec)) as Tree;
  const committed = canonical(tree);
  // One field at a time, in order: a field can follow one before it (certificateName follows
  // secretName), and leaving one out may break a cross-field rule that another satisfies.
  const dropped = DERIVED_SPEC_FIELDS.reduce<string[]>((kept, path) => {
    const candidate = [...kept, path];
    const reparsed = safeParseMeshClusterSpec(withoutFields(tree, candidate));
    return reparsed.success && canonical(reparsed.spec) === committed
      ? candidate
      : kept;
  }, []);
  return withoutFields(tree, dropped);
}
