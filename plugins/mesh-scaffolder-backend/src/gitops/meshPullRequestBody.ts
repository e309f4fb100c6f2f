import type { MeshClusterSpec } from '@mesh-templates/plugin-mesh-common';
import { BundleIndexEntry } from '../bundle/meshBundle';
import { DeletedObject, deletesSection } from './deletedObjects';
import { inlineCode } from './markdown';
import type { MergedChange } from './mergedChange';
import { MeshFacts } from './meshFacts';
import { destructiveRemovals } from './impactNotes';
import {
  folderChanges,
  MeshMemberFolder,
  meshWhatChanges,
} from './meshWhatChanges';
import { prerequisites } from './prerequisites';
import { maxBodyLength } from './pullRequestBody';
import { reviewerNotesSection } from './reviewerNotesSection';
import { validationSection, ValidationInput } from './validationSection';

/** Destructive deletions listed one by one; removing many clusters at once counts the rest. */
const maxDeletes = 200;

export interface MeshPullRequestBodyInput {
  spec: MeshClusterSpec;
  facts: MeshFacts;
  baseBranch: string;
  members: MeshMemberFolder[];
  /** Clusters the base branch's spec documents list and the spec no longer does. */
  former: MeshMemberFolder[];
  /** Index rows of every member. */
  entries: BundleIndexEntry[];
  /** Repository paths of every file the change writes. */
  files: string[];
  validation?: ValidationInput;
  /** What the commit deletes, as syncPullRequest found it; replaced by a per-folder view when `merged` is known. */
  deletes: DeletedObject[];
  /** The change compared with the base branch; absent in a dry-run. */
  merged?: MergedChange;
  /** What the caller says the reviewer should know (an upgrade stage's notes); shown after the facts. */
  notes?: string[];
}

function deletesPart(deletes: DeletedObject[]): string[] {
  const shown = deletesSection(deletes.slice(0, maxDeletes));
  const more = deletes.length - maxDeletes;
  return more > 0
    ? [...shown, `- … and ${more} more (see the diff)`, '']
    : shown;
}

function memberLines(input: MeshPullRequestBodyInput): string[] {
  const objects = (name: string) =>
    input.entries.filter(e => e.cluster === name).length;
  return [
    ...input.members.map(
      m =>
        `- ${inlineCode(m.name)} → ${inlineCode(`${m.targetPath}/`)} (${objects(
          m.name,
        )} objects)`,
    ),
    ...input.former.map(
      m =>
        `- ${inlineCode(m.name)} → ${inlineCode(
          `${m.targetPath}/`,
        )}: **removed from the mesh, its folder is deleted**`,
    ),
  ];
}

function overview(input: MeshPullRequestBodyInput): string[] {
  const { spec, facts, members, former, files } = input;
  return [
    `## Istio mesh ${inlineCode(spec.mesh.id)}: ${members.length} clusters`,
    '',
    `This change writes the rendered tree of every member of the mesh to its folder ` +
      `(${files.length} files in ${members.length} folders)` +
      `${
        former.length > 0
          ? ` and deletes the folders of ${former.length} former members`
          : ''
      }, ` +
      'so that every member holds the same spec document and the same view of its peers. ' +
      'Other folders are not touched.',
    '',
    `- Istio version: ${inlineCode(spec.istio.version)}`,
    `- Install method: ${inlineCode(spec.istio.installMethod)}`,
    ...(facts.revision ? [`- Revision: ${inlineCode(facts.revision)}`] : []),
    `- Mesh: ${inlineCode(spec.mesh.id)} (${
      spec.multiCluster.model
    }), trust domain ${inlineCode(spec.mesh.trustDomain)}`,
    `- Deployed by: ${inlineCode(facts.engine)}`,
    '',
    ...reviewerNotesSection(input.notes),
    '### Members',
    '',
    ...memberLines(input),
    '',
  ];
}

function closing(
  input: MeshPullRequestBodyInput,
  deletes: DeletedObject[],
): string[] {
  const needs = prerequisites(input.entries, input.facts);
  return [
    '### Validation',
    '',
    validationSection(input.validation, deletes),
    '',
    '### Must exist beforehand',
    '',
    ...(needs.length > 0
      ? needs.map(n => `- ${n} (on every member)`)
      : ['- nothing beyond reachable clusters']),
    '',
    '### Reviewer checklist',
    '',
    '- [ ] The members above, their networks and east-west addresses are the intended ones',
    '- [ ] Every removed cluster is meant to leave the mesh (its folder, and with pruning its objects, go)',
    '- [ ] Validation passed',
    '- [ ] After merging, apply with remote secrets so that every pair of members can reach each other',
    '- [ ] No credentials in the diff (kubeconfigs, CA keys and tokens are created on the clusters, never committed)',
    '',
  ];
}

/**
 * The body of a mesh-wide pull/merge request: what it deletes first, the members, then one
 * "What changes" view with a heading per member folder, sized so the whole body stays within
 * GitHub's limit. Deterministic, so a re-run can tell the body is unchanged.
 */
export function meshPullRequestBody(input: MeshPullRequestBodyInput): string {
  const folders = input.merged
    ? folderChanges(input.merged, input.members, input.former)
    : undefined;
  // Compared per folder: a Namespace a removed member loses is deleted there even though every
  // other member keeps one of the same name.
  const deletes = folders
    ? folders.flatMap(f => destructiveRemovals(f.summary))
    : input.deletes;
  const head = [...deletesPart(deletes), ...overview(input)];
  const tail = closing(input, deletes);
  const fixed = [...head, ...tail].join('\n').length;
  const changes = folders
    ? meshWhatChanges(folders, maxBodyLength - fixed - 1)
    : [];
  return [...head, ...changes, ...tail].join('\n');
}
