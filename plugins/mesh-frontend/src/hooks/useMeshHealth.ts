import { useApi } from '@backstage/core-plugin-api';
import { MeshHealthResponse } from '@mesh-templates/plugin-mesh-common';
import { useCallback, useEffect, useRef, useState } from 'react';
import { meshApiRef } from '../api/MeshApi';

/** The backend caches for 15 s; polling at twice that keeps the card live without adding load. */
export const REFRESH_INTERVAL_MS = 30_000;
/** Data older than this is flagged stale even if the last refresh "worked" (e.g. a stuck cache). */
export const STALE_AFTER_MS = 5 * 60_000;

export interface MeshHealthState {
  loading: boolean;
  value?: MeshHealthResponse;
  /** The last refresh's error; with `value` set, the data shown is the previous answer. */
  error?: Error;
  stale: boolean;
  refresh(): void;
}

function oldestObservation(value: MeshHealthResponse): number | undefined {
  const times = value.clusters
    .map(c => Date.parse(c.observedAt))
    .filter(t => !Number.isNaN(t));
  return times.length ? Math.min(...times) : undefined;
}

/** Loads mesh health, refreshes it periodically and on demand, and keeps the last answer on failure. */
export function useMeshHealth(
  entityRef?: string,
  now: () => number = Date.now,
): MeshHealthState {
  const meshApi = useApi(meshApiRef);
  const [state, setState] = useState<{
    loading: boolean;
    value?: MeshHealthResponse;
    error?: Error;
  }>({
    loading: true,
  });
  const generation = useRef(0);

  const refresh = useCallback(() => {
    const current = ++generation.current;
    setState(s => ({ ...s, loading: true }));
    meshApi.getHealth(entityRef ? { entityRef } : {}).then(
      value =>
        current === generation.current && setState({ loading: false, value }),
      error =>
        current === generation.current &&
        setState(s => ({ loading: false, value: s.value, error })),
    );
  }, [meshApi, entityRef]);

  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, REFRESH_INTERVAL_MS);
    const requests = generation;
    return () => {
      clearInterval(timer);
      // Answers still in flight belong to an unmounted view or an old entity: drop them.
      requests.current++;
    };
  }, [refresh]);

  const oldest = state.value ? oldestObservation(state.value) : undefined;
  const stale =
    Boolean(state.value && state.error) ||
    (oldest !== undefined && now() - oldest > STALE_AFTER_MS);
  return { ...state, stale, refresh };
}
