import {
  Content,
  ContentHeader,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { MeshRun } from '@mesh-templates/plugin-mesh-common';
import { useEffect, useRef, useState } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import { meshRunsApiRef } from '../../api/MeshRunsApi';
import { RunFileList } from './RunFileList';
import { RunFileView } from './RunFileView';
import { useRunDownload } from './useRunDownload';

/**
 * "Rendered files" of a template run (`/mesh/runs/:taskId`): the tree by cluster and component,
 * one file at a time with YAML highlighting, and the .tar.gz download. `?download=bundle` (the
 * task page's download link) starts the download once the run is loaded.
 */
export function MeshRunPage() {
  const { taskId = '' } = useParams();
  const [searchParams] = useSearchParams();
  const api = useApi(meshRunsApiRef);
  const [state, setState] = useState<{ run?: MeshRun; error?: Error }>({});
  const [selected, setSelected] = useState<string>();
  const { busy, error: downloadError, download } = useRunDownload(taskId);
  const downloadRequested = useRef(searchParams.get('download') === 'bundle');

  useEffect(() => {
    let current = true;
    api.getRun(taskId).then(
      run => current && setState({ run }),
      error => current && setState({ error }),
    );
    return () => {
      current = false;
    };
  }, [api, taskId]);

  useEffect(() => {
    if (state.run && downloadRequested.current) {
      downloadRequested.current = false;
      download();
    }
  }, [state.run, download]);

  const { run } = state;
  return (
    <Content>
      <ContentHeader title={`Rendered files of run ${taskId}`}>
        <Button
          variant="contained"
          color="primary"
          disabled={!run || busy}
          onClick={download}
        >
          Download bundle (.tar.gz)
        </Button>
      </ContentHeader>
      {state.error && <ResponseErrorPanel error={state.error} />}
      {downloadError && <ResponseErrorPanel error={downloadError} />}
      {!state.error && !run && <Progress />}
      {run && (
        <>
          <Typography variant="body2" paragraph>
            {run.files.length} files for {run.clusters.join(', ')}, rendered{' '}
            {new Date(run.createdAt).toLocaleString()}; kept until{' '}
            {new Date(run.expiresAt).toLocaleString()}.
          </Typography>
          <Grid container spacing={2}>
            <Grid item xs={12} md={4}>
              <RunFileList
                files={run.files}
                selected={selected}
                onSelect={setSelected}
              />
            </Grid>
            <Grid item xs={12} md={8}>
              {selected ? (
                <RunFileView taskId={taskId} path={selected} />
              ) : (
                <Typography color="textSecondary">
                  Choose a file to see it.
                </Typography>
              )}
            </Grid>
          </Grid>
        </>
      )}
    </Content>
  );
}
