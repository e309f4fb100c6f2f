import { Content, ContentHeader, Progress } from '@backstage/core-components';
import { Button } from '@backstage/ui';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import { RunFileList } from './RunFileList';
import { RunFileView } from './RunFileView';
import { RunProblem } from './RunProblem';
import { SaveBlob } from './saveBlob';
import { useRunRead } from './useRunRead';
import { useRunDownload } from './useRunDownload';

/**
 * "Rendered files" of a template run (`/mesh/runs/:taskId`): the tree by cluster and component,
 * one file at a time with YAML highlighting, and the .tar.gz download. `?download=bundle` (the
 * task page's download link) starts the download once the run is loaded. `saveBlob` is the
 * browser's save unless given (tests give their own, jsdom cannot navigate to an object URL).
 */
export function MeshRunPage(props: { saveBlob?: SaveBlob }) {
  const { taskId = '' } = useParams();
  const [searchParams] = useSearchParams();
  const { value: run, error } = useRunRead(
    useCallback(api => api.getRun(taskId), [taskId]),
  );
  const [selected, setSelected] = useState<string>();
  const {
    busy,
    error: downloadError,
    download,
  } = useRunDownload(taskId, props.saveBlob);
  const downloadRequested = useRef(searchParams.get('download') === 'bundle');

  useEffect(() => {
    if (run && downloadRequested.current) {
      downloadRequested.current = false;
      download();
    }
  }, [run, download]);

  return (
    <Content>
      <ContentHeader title={`Rendered files of run ${taskId}`}>
        <Button variant="primary" isDisabled={!run || busy} onPress={download}>
          Download bundle (.tar.gz)
        </Button>
      </ContentHeader>
      {error && (
        <RunProblem title={`Could not load run ${taskId}`} error={error} />
      )}
      {downloadError && (
        <RunProblem
          title="Could not download the bundle"
          error={downloadError}
        />
      )}
      {!error && !run && <Progress />}
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
