import { CHART_SOURCES } from '../chartSources';
import type { ClusterRenderContext } from '../clusterRenderContext';
import { ARGOCD_RESOURCES_FINALIZER, revisionLabels } from '../revisionLabels';
import type { HelmValuesOutput, PackOutput } from '../templatePack';

const WAVES: Record<string, number> = {
  'sail-operator': 0,
  base: 0,
  istiod: 1,
  'istiod-remote': 1,
  cni: 1,
  ztunnel: 2,
  gateway: 2,
};

/**
 * The labels of a release's GitOps object: those of its revision when it installs a revisioned
 * istiod (one object per revision, retired at cleanup), none otherwise.
 */
function releaseLabels(
  context: ClusterRenderContext,
  output: HelmValuesOutput,
): Record<string, string> {
  const plane = context.istio.controlPlanes.find(
    p => p.hasRevision && p.istiodRelease === output.release,
  );
  return (output.chart === 'istiod' || output.chart === 'istiod-remote') &&
    plane
    ? revisionLabels(plane.revision)
    : {};
}

/** A Helm release as the GitOps objects install it. */
export function gitopsReleases(
  context: ClusterRenderContext,
  values: HelmValuesOutput[],
) {
  const istiod = values.find(
    v => v.chart === 'istiod' || v.chart === 'istiod-remote',
  );
  return values.map(output => {
    const source = CHART_SOURCES[output.chart];
    let dependsOn: string[] = [];
    if (
      output.chart === 'istiod' ||
      output.chart === 'istiod-remote' ||
      output.chart === 'cni'
    ) {
      dependsOn = ['istio-base'];
    } else if (
      (output.chart === 'gateway' || output.chart === 'ztunnel') &&
      istiod
    ) {
      dependsOn = [istiod.release];
    }
    return {
      chart: output.chart,
      chartVersion: output.chartVersion,
      release: output.release,
      namespace: output.namespace,
      repoUrl: source.repoUrl,
      repoName: source.repoName,
      wave: String(WAVES[output.chart] ?? 3),
      applicationName: `${context.cluster.name}-${output.release}`,
      valuesRef: `$values/${context.gitops.targetPath}/${output.file}`,
      valuesConfigMap: `${output.release}-values`,
      valuesFile: output.file,
      dependsOn,
      labels: releaseLabels(context, output),
    };
  });
}

export type GitopsRelease = ReturnType<typeof gitopsReleases>[number];

/**
 * GitOps wiring: Argo CD Applications or Flux sources and releases that install every chart of the
 * tree with its values file. The `kustomize` engine renders no objects: the tree is applied with
 * `kubectl apply -k` and the charts with `helm`, as the README says.
 */
export function gitopsOutputs(
  context: ClusterRenderContext,
  releases: GitopsRelease[],
): PackOutput[] {
  const { gitops, cluster } = context;
  const namespace = gitops.controllerNamespace;
  const treeApplicationName = `mesh-${cluster.name}`;
  if (gitops.engine === 'argocd') {
    return [
      {
        type: 'objects',
        template: 'gitops/argocd-applications.yaml.njk',
        file: 'gitops/argocd-applications.yaml',
        component: 'gitops',
        appliedBy: 'kustomize',
        data: {
          releases,
          treeApplicationName,
          argocdResourcesFinalizer: ARGOCD_RESOURCES_FINALIZER,
        },
        expects: [
          { kind: 'Application', name: treeApplicationName, namespace },
          ...releases.map(r => ({
            kind: 'Application',
            name: r.applicationName,
            namespace,
          })),
        ],
      },
    ];
  }
  if (gitops.engine === 'flux') {
    const repositories = new Map<string, string>();
    for (const release of releases) {
      repositories.set(release.repoName, release.repoUrl);
    }
    const helmRepositories = [...repositories.entries()]
      .map(([name, url]) => ({ name, url }))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    return [
      {
        type: 'objects',
        template: 'gitops/flux-sources.yaml.njk',
        file: 'gitops/flux-sources.yaml',
        component: 'gitops',
        appliedBy: 'kustomize',
        data: { helmRepositories },
        expects: [
          { kind: 'GitRepository', name: 'mesh-gitops', namespace },
          ...helmRepositories.map(r => ({
            kind: 'HelmRepository',
            name: r.name,
            namespace,
          })),
        ],
      },
      {
        type: 'objects',
        template: 'gitops/flux-releases.yaml.njk',
        file: 'gitops/flux-releases.yaml',
        component: 'gitops',
        appliedBy: 'kustomize',
        data: { releases, treeApplicationName },
        expects: [
          { kind: 'Kustomization', name: treeApplicationName, namespace },
          ...releases.map(r => ({
            kind: 'HelmRelease',
            name: r.release,
            namespace,
          })),
        ],
      },
    ];
  }
  return [];
}
