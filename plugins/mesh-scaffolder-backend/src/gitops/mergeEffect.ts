import { BundleIndexEntry } from '../bundle/meshBundle';
import { inlineCode } from './markdown';
import { MeshFacts } from './meshFacts';

function engineObjects(entries: BundleIndexEntry[], kinds: string[]): string {
  const found = entries.filter(e => kinds.includes(e.kind));
  return found.length === 0
    ? ''
    : ` (${found
        .map(e => `${e.kind} ${inlineCode(e.name)} in ${inlineCode(e.file)}`)
        .join('; ')})`;
}

/** One paragraph saying who applies what once the change is on the base branch. */
export function mergeEffect(options: {
  facts: MeshFacts;
  entries: BundleIndexEntry[];
  targetPath: string;
  baseBranch: string;
}): string {
  const { facts, entries, targetPath, baseBranch } = options;
  const folder = inlineCode(`${targetPath}/`);
  switch (facts.engine) {
    case 'argocd':
      return (
        `Argo CD applies ${folder} from ${inlineCode(
          baseBranch,
        )}: its Applications` +
        `${engineObjects(entries, [
          'Application',
          'ApplicationSet',
        ])} install the Helm charts with the values ` +
        `in this folder and sync the manifests. If this cluster's Applications are not registered in Argo CD ` +
        `yet, apply the files of the \`gitops\` component once; every later change arrives by merging.`
      );
    case 'flux':
      return (
        `Flux reconciles ${folder} from ${inlineCode(
          baseBranch,
        )}: its Kustomizations and HelmReleases` +
        `${engineObjects(entries, [
          'Kustomization',
          'HelmRelease',
          'HelmRepository',
          'GitRepository',
        ])} install ` +
        `the charts with the values in this folder and apply the manifests. If this cluster's Flux objects are ` +
        `not on the cluster yet, apply the files of the \`gitops\` component once.`
      );
    default:
      return (
        `Nothing is applied automatically: the folder is a kustomization. After merging, apply it with ` +
        `${inlineCode(
          `kubectl apply -k ${targetPath}`,
        )} (or the pipeline your team runs)` +
        `${
          facts.installMethod === 'istioctl'
            ? `; Istio itself is installed with ${inlineCode(
                'istioctl install -f',
              )} on the IstioOperator file`
            : ''
        }.`
      );
  }
}
