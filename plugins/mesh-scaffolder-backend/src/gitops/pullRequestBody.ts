import { BundleIndexEntry } from '../bundle/meshBundle';
import { DeletedObject, deletesSection } from './deletedObjects';
import { inlineCode } from './markdown';
import { mergeEffect } from './mergeEffect';
import { MeshFacts } from './meshFacts';
import { objectTable } from './objectTable';
import { prerequisites } from './prerequisites';
import { reviewerNotesSection } from './reviewerNotesSection';
import { validationSection, ValidationInput } from './validationSection';
import { BUNDLE_INDEX_FILE } from '../bundle/bundleIndex';

/** GitHub refuses bodies over 65,536 characters; the object table is the part that can grow. */
export const maxBodyLength = 60_000;

export interface PullRequestBodyInput {
  cluster: string;
  targetPath: string;
  baseBranch: string;
  facts: MeshFacts;
  /** Index rows of this cluster; undefined when the bundle has no index. */
  entries?: BundleIndexEntry[];
  /** Repository paths of every file the change writes. */
  files: string[];
  validation?: ValidationInput;
  /** Destructive objects the change removes; the body opens with them. */
  deletes?: DeletedObject[];
  /** The "What changes" section (whatChangesSection), placed before the object table. */
  whatChanges?: string[];
  /** What the caller says the reviewer should know (an upgrade stage's notes); shown after the facts. */
  notes?: string[];
}

function stated(value: string | undefined): string {
  return value ? inlineCode(value) : '_not given (pass `spec` to the action)_';
}

function body(input: PullRequestBodyInput, maxRows: number): string {
  const { cluster, targetPath, baseBranch, facts, entries, files, validation } =
    input;
  const rows = entries ?? [];
  const needs = prerequisites(rows, facts);
  return [
    ...deletesSection(input.deletes ?? []),
    `## Istio mesh for cluster ${inlineCode(cluster)}`,
    '',
    `This change writes the rendered mesh bundle to ${inlineCode(
      `${targetPath}/`,
    )} ` +
      `(${files.length} files); files of other clusters and folders are not touched.`,
    '',
    `- Istio version: ${stated(facts.istioVersion)}`,
    `- Install method: ${stated(facts.installMethod)}`,
    ...(facts.revision ? [`- Revision: ${inlineCode(facts.revision)}`] : []),
    ...(facts.meshId
      ? [
          `- Mesh: ${inlineCode(facts.meshId)}${
            facts.multiClusterModel ? ` (${facts.multiClusterModel})` : ''
          }`,
        ]
      : []),
    `- Deployed by: ${inlineCode(facts.engine)}`,
    '',
    ...reviewerNotesSection(input.notes),
    ...(input.whatChanges ?? []),
    '### Objects',
    '',
    entries
      ? objectTable(rows, maxRows)
      : `_The bundle has no \`${BUNDLE_INDEX_FILE}\`; see the diff for its objects._`,
    '',
    '### Validation',
    '',
    validationSection(validation, input.deletes),
    '',
    '### What merging does',
    '',
    mergeEffect({ facts, entries: rows, targetPath, baseBranch }),
    '',
    '### Must exist beforehand',
    '',
    ...(needs.length > 0
      ? needs.map(n => `- ${n}`)
      : ['- nothing beyond a reachable cluster']),
    '',
    '### Reviewer checklist',
    '',
    '- [ ] Istio version and install method are the intended ones',
    '- [ ] The objects above are the components this cluster should get',
    '- [ ] Validation passed',
    '- [ ] Everything under "Must exist beforehand" is in place on the cluster',
    '- [ ] No credentials in the diff (kubeconfigs, CA keys and tokens are created on the cluster, never committed)',
    `- [ ] ${inlineCode(
      `${targetPath}/catalog-info.yaml`,
    )} names the right owner`,
    '',
  ].join('\n');
}

/**
 * The pull/merge request body, written for the reviewer who decides whether the mesh goes on the
 * cluster. Deterministic: the same bundle gives the same body, so a re-run can tell it is unchanged.
 */
export function pullRequestBody(input: PullRequestBodyInput): string {
  let maxRows = 300;
  let text = body(input, maxRows);
  while (text.length > maxBodyLength && maxRows > 0) {
    maxRows = Math.floor(maxRows / 2);
    text = body(input, maxRows);
  }
  return text;
}
