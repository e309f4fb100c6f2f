import { useApi } from '@backstage/core-plugin-api';
import { useEffect, useState } from 'react';
import { MeshRunsApi, meshRunsApiRef } from '../../api/MeshRunsApi';

/**
 * One read of the runs API, redone when `read` changes (give a memoized one). The old value is
 * cleared at once and a late answer to an earlier read is dropped, so a page never shows one
 * file's content under another file's name.
 */
export function useRunRead<T>(read: (api: MeshRunsApi) => Promise<T>): {
  value?: T;
  error?: Error;
} {
  const api = useApi(meshRunsApiRef);
  const [state, setState] = useState<{ value?: T; error?: Error }>({});
  useEffect(() => {
    let current = true;
    setState({});
    read(api).then(
      value => current && setState({ value }),
      error => current && setState({ error }),
    );
    return () => {
      current = false;
    };
  }, [api, read]);
  return state;
}
