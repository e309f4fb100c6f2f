import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApiHolder } from '@backstage/frontend-plugin-api';
import {
  MESH_SPEC_LOCATION_ANNOTATION,
  MeshClusterSpec,
} from '@mesh-templates/plugin-mesh-common';
import { useEffect, useState } from 'react';
import { meshSpecApiRef } from '../api/MeshSpecApi';

/** What the entity's committed spec is, as far as the Mesh tab has read it. */
export type CommittedSpecState =
  | { status: 'none' }
  | { status: 'loading' }
  | { status: 'loaded'; spec: MeshClusterSpec }
  | { status: 'error'; error: Error };

/**
 * Reads the committed spec of an entity that names one, through the same MeshSpecApi as "Change
 * mesh". `none` when the entity names no spec or the app has no spec API (an optional API, as
 * for the buttons), so views without a spec still render.
 */
export function useCommittedSpec(entity: Entity): CommittedSpecState {
  const apis = useApiHolder();
  const named = Boolean(
    entity.metadata.annotations?.[MESH_SPEC_LOCATION_ANNOTATION],
  );
  // Resolved only for an entity that names a spec: an app without the mesh backend's discovery
  // (a legacy test app without backend.baseUrl) still renders the tab of every other entity.
  const specApi = named ? apis.get(meshSpecApiRef) : undefined;
  const entityRef = stringifyEntityRef(entity);
  const [state, setState] = useState<CommittedSpecState>(() =>
    specApi && named ? { status: 'loading' } : { status: 'none' },
  );
  useEffect(() => {
    if (!specApi || !named) {
      setState({ status: 'none' });
      return undefined;
    }
    // An answer for an entity the view has left must not land on the next one.
    let current = true;
    setState({ status: 'loading' });
    specApi.getCommittedSpec(entityRef).then(
      ({ spec }) => current && setState({ status: 'loaded', spec }),
      error => current && setState({ status: 'error', error }),
    );
    return () => {
      current = false;
    };
  }, [specApi, named, entityRef]);
  return state;
}
