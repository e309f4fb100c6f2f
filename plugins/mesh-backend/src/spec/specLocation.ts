import {
  ANNOTATION_LOCATION,
  Entity,
  parseLocationRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { MESH_SPEC_LOCATION_ANNOTATION } from '@mesh-templates/plugin-mesh-common';
import path from 'node:path';

/** Where a cluster's committed spec document is: a URL read through the integrations, or a file. */
export type SpecLocation =
  | { type: 'url'; target: string }
  /** `root` is the folder of the catalog file that registered the entity; the spec must lie under it. */
  | { type: 'file'; target: string; root: string };

function fileLocation(relative: string, catalogFile: string): SpecLocation {
  const root = path.dirname(catalogFile);
  const target = path.resolve(root, relative);
  if (path.relative(root, target).startsWith('..') || target === root) {
    throw new InputError(
      `${MESH_SPEC_LOCATION_ANNOTATION} must name a file under the folder of the catalog file that registered the entity`,
    );
  }
  return { type: 'file', target, root };
}

/**
 * Resolves the entity's spec-location annotation: an absolute `url:` as is, a relative path against
 * the entity's own location (`backstage.io/managed-by-location`), as TechDocs resolves `dir:.` —
 * through the SCM integrations, which know each host's URL layout (blob paths, query-string paths).
 */
export function resolveSpecLocation(
  entity: Entity,
  integrations: ScmIntegrationRegistry,
): SpecLocation {
  const entityRef = stringifyEntityRef(entity);
  const annotations = entity.metadata.annotations ?? {};
  const value = annotations[MESH_SPEC_LOCATION_ANNOTATION]?.trim();
  if (!value) {
    throw new NotFoundError(
      `${entityRef} has no ${MESH_SPEC_LOCATION_ANNOTATION} annotation naming its committed spec`,
    );
  }
  if (value.startsWith('url:')) {
    return { type: 'url', target: parseLocationRef(value).target };
  }
  const managedBy = annotations[ANNOTATION_LOCATION];
  if (!managedBy) {
    throw new InputError(
      `${entityRef} has a relative ${MESH_SPEC_LOCATION_ANNOTATION} but no ${ANNOTATION_LOCATION} to resolve it against`,
    );
  }
  const base = parseLocationRef(managedBy);
  if (base.type === 'url') {
    return {
      type: 'url',
      target: integrations.resolveUrl({ url: value, base: base.target }),
    };
  }
  if (base.type === 'file') return fileLocation(value, base.target);
  throw new InputError(
    `${entityRef} comes from a ${base.type} location; a relative ${MESH_SPEC_LOCATION_ANNOTATION} resolves only against url or file locations`,
  );
}
