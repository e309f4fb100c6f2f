import {
  describeCredentialLikeContent,
  findCredentialLikeContent,
  type MeshClusterSpec,
} from '@mesh-templates/plugin-mesh-common';
import yaml from 'yaml';
import type { MeshBundle } from '../bundle/meshBundle';

/** Where the app shows a stored run: the mesh plugin's page, relative to the app's base URL. */
export function runPagePath(taskId: string): string {
  return `/mesh/runs/${encodeURIComponent(taskId)}`;
}

/** The spec with every default written out: what `mesh-bundle render --spec` reads back. */
export function specDocumentOf(spec: MeshClusterSpec): string {
  return yaml.stringify(spec, { sortMapEntries: false });
}

/** The CLI command that renders the same bundle from the spec document saved as `mesh-spec.yaml`. */
export const renderCliCommand =
  'npx mesh-bundle render --spec mesh-spec.yaml --out out/';

/**
 * What a run that neither opened a pull request nor applied anything says: the three ways on.
 * The template shows it only when both delivery steps were skipped.
 */
export function undeliveredNextSteps(options: {
  specDocument: string;
  runPath?: string;
}): string {
  const download = options.runPath
    ? `[Download the bundle](${options.runPath}?download=bundle) (.tar.gz) or [browse its files](${options.runPath}) and commit them yourself.`
    : 'Render the bundle yourself with the CLI below: this run could not keep a copy.';
  return [
    "**No pull request was opened and nothing was applied** — the bundle exists only as this run's output. Three ways on:",
    '',
    `1. ${download}`,
    '2. Run the template again with a **Repository URL** on the GitOps page and **Open a pull request on the GitOps repository** checked.',
    `3. Render the same bundle with the CLI: save the spec below as \`mesh-spec.yaml\` and run \`${renderCliCommand}\`.`,
    '',
    '```yaml',
    options.specDocument.trimEnd(),
    '```',
  ].join('\n');
}

/** Refuses a bundle with credential-like content before it is written or stored anywhere. */
export function assertNoCredentials(bundle: MeshBundle): void {
  const findings = findCredentialLikeContent(bundle.files);
  if (findings.length > 0) {
    throw new Error(
      `The rendered bundle holds credential-like content, so it is neither written nor kept:\n${describeCredentialLikeContent(
        findings,
      )}`,
    );
  }
}
