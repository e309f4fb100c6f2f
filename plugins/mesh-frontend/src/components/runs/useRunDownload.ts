import { useApi } from '@backstage/core-plugin-api';
import { useCallback, useState } from 'react';
import { meshRunsApiRef } from '../../api/MeshRunsApi';

/**
 * Downloads the run's .tar.gz through the API (with the user's token) and hands it to the browser
 * as a file; a plain link could not carry the token.
 */
export function useRunDownload(taskId: string) {
  const api = useApi(meshRunsApiRef);
  const [state, setState] = useState<{ busy: boolean; error?: Error }>({
    busy: false,
  });
  const download = useCallback(async () => {
    setState({ busy: true });
    try {
      const blob = await api.downloadRunBundle(taskId);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `mesh-bundle-${taskId}.tar.gz`;
      document.body.appendChild(link);
      link.click();
      link.remove();
      // The browser has taken the file by now; the object URL is not needed after this tick.
      setTimeout(() => URL.revokeObjectURL(url), 0);
      setState({ busy: false });
    } catch (error) {
      setState({ busy: false, error: error as Error });
    }
  }, [api, taskId]);
  return { ...state, download };
}
