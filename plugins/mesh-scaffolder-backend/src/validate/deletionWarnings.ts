import type { BundleProblem } from '../bundle/meshBundle';
import { objectSubject } from './problemSubject';

/** An object the previous tree held and the proposed tree no longer does. */
export interface RemovedObject {
  kind: string;
  name: string;
  namespace?: string;
  /** The file that held it. */
  file: string;
}

/** What the cluster loses once a GitOps engine with pruning on deletes an object of the kind. */
const lossByKind: Record<string, string> = {
  Namespace: 'every workload, Secret and volume claim in it',
  CustomResourceDefinition: 'every custom resource of the kind, cluster-wide',
  PersistentVolumeClaim:
    'the claim, and its volume unless the reclaim policy retains it',
  Secret: 'the credentials workloads that mount it need to start',
};

/**
 * Warnings, not problems: removing a namespace or a CRD from the tree can be intended, so it does
 * not make a bundle invalid, but after the merge the GitOps engine deletes the object and what
 * it holds, which a reviewer must see next to the validation result.
 */
export function deletionWarnings(removed: RemovedObject[]): BundleProblem[] {
  return removed.map(object => ({
    file: object.file,
    subject: objectSubject({
      kind: object.kind,
      metadata: { name: object.name, namespace: object.namespace },
    }),
    path: '',
    message: `removed by this change: once merged, Argo CD or Flux deletes it from the cluster unless pruning is off for it, and with it ${
      lossByKind[object.kind] ?? 'everything it holds'
    }`,
  }));
}
