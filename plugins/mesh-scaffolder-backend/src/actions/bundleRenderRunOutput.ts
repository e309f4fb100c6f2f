import {
  describeCredentialLikeContent,
  findCredentialLikeContent,
  MESH_CLUSTER_DOCUMENT_FILE,
  type MeshClusterSpec,
} from '@mesh-templates/plugin-mesh-common';
import path from 'node:path';
import yaml from 'yaml';
import type { BundleFile, MeshBundle } from '../bundle/meshBundle';

/** Where the app shows a stored run: the mesh plugin's page, relative to the app's base URL. */
export function runPagePath(taskId: string): string {
  return `/mesh/runs/${encodeURIComponent(taskId)}`;
}

/** The spec with every default written out: what `mesh-bundle render --spec` reads back. */
export function specDocumentOf(spec: MeshClusterSpec): string {
  return yaml.stringify(spec, { sortMapEntries: false });
}

/**
 * The bundle's spec document (`<cluster folder>/mesh-cluster.yaml`) of its first cluster. Every
 * member folder holds the same document, and `mesh-bundle render --spec` on it renders the whole
 * bundle again, so one is enough to point at.
 */
export function specDocumentFileOf(bundle: MeshBundle): BundleFile {
  const file = bundle.files.find(
    f => path.posix.basename(f.path) === MESH_CLUSTER_DOCUMENT_FILE,
  );
  if (!file) {
    throw new Error(
      `The rendered bundle holds no ${MESH_CLUSTER_DOCUMENT_FILE}, so the CLI could not render it again`,
    );
  }
  return file;
}

/** The CLI command that renders the same bundle from the spec document at `specPath`. */
export function renderCliCommand(specPath: string): string {
  // Cluster folders are safe relative paths, but a targetPath may still hold a space.
  const spec = /^[\w./-]+$/.test(specPath) ? specPath : `'${specPath}'`;
  return `npx mesh-bundle render --spec ${spec} --out out/`;
}

/**
 * What a run that neither opened a pull request nor applied anything says: the three ways on.
 * The template shows it only when both delivery steps were skipped. A kept run's download holds
 * the spec document, so the CLI step points at it there; a run that could not keep a copy shows
 * the document inline, its only copy once the workspace is gone.
 */
export function undeliveredNextSteps(options: {
  specDocumentFile: BundleFile;
  runPath?: string;
}): string {
  const { specDocumentFile, runPath } = options;
  const first = runPath
    ? `1. [Download the bundle](${runPath}?download=bundle) (.tar.gz) or [browse its files](${runPath}) and commit them yourself.`
    : '1. Render the bundle yourself with the CLI below: this run could not keep a copy.';
  const second =
    '2. Run the template again with a **Repository URL** on the GitOps page and **Open a pull request on the GitOps repository** checked.';
  const third = runPath
    ? `3. Render the same bundle with the CLI from its spec document, \`${
        specDocumentFile.path
      }\` in the download: in the folder you unpacked it into, run \`${renderCliCommand(
        specDocumentFile.path,
      )}\`.`
    : `3. Render the same bundle with the CLI: save the spec document below as \`${MESH_CLUSTER_DOCUMENT_FILE}\` and run \`${renderCliCommand(
        MESH_CLUSTER_DOCUMENT_FILE,
      )}\`.`;
  const lines = [
    "**No pull request was opened and nothing was applied** — the bundle exists only as this run's output. Three ways on:",
    '',
    first,
    second,
    third,
  ];
  if (runPath) return lines.join('\n');
  return [
    ...lines,
    '',
    '```yaml',
    specDocumentFile.content.trimEnd(),
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
