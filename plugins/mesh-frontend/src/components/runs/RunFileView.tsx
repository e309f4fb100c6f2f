import { CodeSnippet, InfoCard, Progress } from '@backstage/core-components';
import { useCallback } from 'react';
import { languageOf } from './runFileTree';
import { RunProblem } from './RunProblem';
import { useRunRead } from './useRunRead';

/** One file of the run with syntax highlighting. */
export function RunFileView(props: { taskId: string; path: string }) {
  const { taskId, path } = props;
  const { value: file, error } = useRunRead(
    useCallback(api => api.getRunFile(taskId, path), [taskId, path]),
  );
  return (
    <InfoCard title={path}>
      {error && <RunProblem title="Could not load the file" error={error} />}
      {!error && !file && <Progress />}
      {file && (
        <CodeSnippet
          text={file.content}
          language={languageOf(path)}
          showLineNumbers
          showCopyCodeButton
        />
      )}
    </InfoCard>
  );
}
