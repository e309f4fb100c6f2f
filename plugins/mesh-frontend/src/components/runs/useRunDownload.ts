import { useApi } from '@backstage/core-plugin-api';
import { useCallback, useState } from 'react';
import { meshRunsApiRef } from '../../api/MeshRunsApi';
import { SaveBlob, saveBlobAsFile } from './saveBlob';

/**
 * Downloads the run's .tar.gz through the API (with the user's token) and hands it to `save`,
 * the browser's save unless a caller (a test) brings its own.
 */
export function useRunDownload(
  taskId: string,
  save: SaveBlob = saveBlobAsFile,
) {
  const api = useApi(meshRunsApiRef);
  const [state, setState] = useState<{ busy: boolean; error?: Error }>({
    busy: false,
  });
  const download = useCallback(async () => {
    setState({ busy: true });
    try {
      const blob = await api.downloadRunBundle(taskId);
      save(blob, `mesh-bundle-${taskId}.tar.gz`);
      setState({ busy: false });
    } catch (error) {
      setState({ busy: false, error: error as Error });
    }
  }, [api, taskId, save]);
  return { ...state, download };
}
