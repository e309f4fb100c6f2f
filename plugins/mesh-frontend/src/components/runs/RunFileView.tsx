import {
  CodeSnippet,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { MeshRunFile } from '@mesh-templates/plugin-mesh-common';
import { useEffect, useState } from 'react';
import { meshRunsApiRef } from '../../api/MeshRunsApi';
import { languageOf } from './runFileTree';

/** One file of the run with syntax highlighting. */
export function RunFileView(props: { taskId: string; path: string }) {
  const api = useApi(meshRunsApiRef);
  const [state, setState] = useState<{ file?: MeshRunFile; error?: Error }>({});
  useEffect(() => {
    let current = true;
    setState({});
    api.getRunFile(props.taskId, props.path).then(
      file => current && setState({ file }),
      error => current && setState({ error }),
    );
    return () => {
      current = false;
    };
  }, [api, props.taskId, props.path]);

  return (
    <InfoCard title={props.path}>
      {state.error && <ResponseErrorPanel error={state.error} />}
      {!state.error && !state.file && <Progress />}
      {state.file && (
        <CodeSnippet
          text={state.file.content}
          language={languageOf(props.path)}
          showLineNumbers
          showCopyCodeButton
        />
      )}
    </InfoCard>
  );
}
