import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

/** A cluster the apply step was asked for: its name in config and its catalog entity. */
export interface ApplyTarget {
  /** `metadata.name` of the entity: the kubernetes config entry and the bundle tree of that name. */
  name: string;
  /** The cluster's catalog entity, what the apply permission is checked against. */
  entityRef: string;
}

/**
 * Reads `clusters` entries: an entity ref of the cluster's catalog Resource (as the template's
 * picker gives it), or a bare name, which means `resource:default/<name>`.
 */
export function parseApplyTargets(values: string[]): ApplyTarget[] {
  const targets = values.map((value, i) => {
    let ref;
    try {
      ref = parseEntityRef(value, {
        defaultKind: 'resource',
        defaultNamespace: 'default',
      });
    } catch (error) {
      throw new InputError(`clusters[${i}]: ${(error as Error).message}`);
    }
    if (ref.kind.toLocaleLowerCase('en-US') !== 'resource') {
      throw new InputError(
        `clusters[${i}]: "${value}" is not a Resource entity; pick the cluster's kubernetes-cluster Resource`,
      );
    }
    return { name: ref.name, entityRef: stringifyEntityRef(ref) };
  });
  return [...new Map(targets.map(t => [t.entityRef, t])).values()];
}
