import {
  ISTIO_RELEASE_FACTS,
  type IstioReleaseFacts,
  type MeshClusterSpec,
} from '@mesh-templates/plugin-mesh-common';
import {
  BUNDLE_INDEX_FILE,
  BundleHelmRelease,
  serializeBundleIndex,
} from '../bundle/bundleIndex';
import type {
  BundleFile,
  BundleHelmValues,
  MeshBundle,
} from '../bundle/meshBundle';
import { CHART_SOURCES } from './chartSources';
import { meshClusterDocumentFile } from './meshClusterDocumentFile';
import { meshMembers } from './meshMembers';
import { renderClusterTree } from './renderClusterTree';

function byPath(a: BundleFile, b: BundleFile): number {
  if (a.path < b.path) return -1;
  return a.path > b.path ? 1 : 0;
}

const SAFE_SEGMENT = /^[A-Za-z0-9._-]+$/;

/**
 * Refuses a path that could leave the bundle folder or alias another file: absolute paths, `..`
 * and `.` segments, empty segments, and any character but letters, digits, `.`, `_` and `-`.
 */
function assertSafeRelativePath(filePath: string, what: string): void {
  const segments = filePath.split('/');
  if (
    filePath === '' ||
    segments.some(
      segment =>
        segment === '.' || segment === '..' || !SAFE_SEGMENT.test(segment),
    )
  ) {
    throw new Error(
      `${what} ${JSON.stringify(
        filePath.slice(0, 200),
      )} must be a relative path of "/"-separated segments of A-Z, a-z, 0-9, ".", "_" and "-" (no "..", "." or empty segments, no leading "/")`,
    );
  }
}

/** The index row of one values file: the release it configures and where its chart comes from. */
function helmReleaseRow(values: BundleHelmValues): BundleHelmRelease {
  const source = CHART_SOURCES[values.chart];
  if (!source) {
    throw new Error(
      `chart ${values.chart} of ${values.file} has no repository in CHART_SOURCES`,
    );
  }
  return {
    cluster: values.cluster,
    component: values.component,
    release: values.release,
    chart: values.chart,
    repository: source.repoUrl,
    version: values.chartVersion,
    namespace: values.namespace,
    valuesFile: values.file,
  };
}

/**
 * Renders the whole mesh described by a validated spec: one tree per member cluster, each with the
 * spec document it was rendered from, plus the bundle index. Pure and in memory: no Git, no Kubernetes, no file system writes; the same spec
 * always gives byte-identical files. `istioReleaseFacts` (the supported releases by default) tell
 * what the spec's Istio release renders differently.
 *
 * @throws Error when a template yields YAML or objects other than its pack declares, or the spec's
 *   Istio version is not one of the release facts
 */
export function renderMeshBundle(
  spec: MeshClusterSpec,
  options: { istioReleaseFacts?: IstioReleaseFacts } = {},
): MeshBundle {
  const releaseFacts = options.istioReleaseFacts ?? ISTIO_RELEASE_FACTS;
  const facts = releaseFacts.factsFor(spec.istio.version);
  const { upgrade } = spec.istio;
  const upgradeFacts = upgrade
    ? releaseFacts.factsFor(upgrade.toVersion)
    : undefined;
  const members = meshMembers(spec);
  const bundle: MeshBundle = {
    clusters: members.map(m => m.name),
    objects: [],
    helmValues: [],
    files: [],
    index: [],
  };
  const paths = new Set<string>();
  for (const member of members) {
    assertSafeRelativePath(member.targetPath, 'gitops.targetPath');
    const tree = renderClusterTree(spec, member, facts, upgradeFacts);
    tree.files.push(meshClusterDocumentFile(spec, member.targetPath));
    for (const file of tree.files) {
      assertSafeRelativePath(file.path, 'bundle file path');
      if (paths.has(file.path)) {
        throw new Error(
          `two clusters render the same file ${file.path}; give each cluster its own gitops.targetPath folder`,
        );
      }
      paths.add(file.path);
    }
    bundle.objects.push(...tree.objects);
    bundle.helmValues.push(...tree.helmValues);
    bundle.files.push(...tree.files);
    bundle.index.push(...tree.index);
  }
  bundle.files.push({
    path: BUNDLE_INDEX_FILE,
    content: serializeBundleIndex({
      clusters: bundle.clusters,
      objects: bundle.index,
      helmReleases: bundle.helmValues.map(helmReleaseRow),
    }),
  });
  bundle.files.sort(byPath);
  return bundle;
}
