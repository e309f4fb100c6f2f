import type { BundleProblem, MeshBundle } from '../../bundle/meshBundle';
import { objectSubject, valuesSubject } from '../problemSubject';

/** Helm refuses longer release names: they become label values and object name prefixes. */
export const HELM_RELEASE_NAME_MAX = 53;

const tooLong = (release: string) =>
  `Helm release name "${release}" has ${release.length} characters; Helm allows at most ${HELM_RELEASE_NAME_MAX} (shorten istio.revision or the gateway's name)`;

/**
 * Every Helm release the bundle installs — each values file's release, a Flux HelmRelease's
 * release name (`spec.releaseName`, else `[targetNamespace-]name`) and an Argo CD Application's
 * `helm.releaseName` — fits Helm's limit, so the install does not fail only after the merge.
 */
export function helmReleaseNames(bundle: MeshBundle): BundleProblem[] {
  const problems: BundleProblem[] = [];
  for (const values of bundle.helmValues) {
    if (values.release.length > HELM_RELEASE_NAME_MAX) {
      problems.push({
        file: values.file,
        subject: valuesSubject(values),
        path: 'release',
        message: tooLong(values.release),
      });
    }
  }
  for (const { file, object } of bundle.objects) {
    const spec = (object.spec ?? {}) as Record<string, any>;
    let release: string | undefined;
    let path = '';
    if (object.kind === 'HelmRelease') {
      path = 'spec.releaseName';
      release =
        spec.releaseName ??
        (spec.targetNamespace
          ? `${spec.targetNamespace}-${object.metadata.name}`
          : object.metadata.name);
    } else if (object.kind === 'Application') {
      path = 'spec.source.helm.releaseName';
      release = spec.source?.helm?.releaseName;
    }
    if (release && release.length > HELM_RELEASE_NAME_MAX) {
      problems.push({
        file,
        subject: objectSubject(object),
        path,
        message: tooLong(release),
      });
    }
  }
  return problems;
}
