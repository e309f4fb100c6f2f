import { ChangeSummary, summarizeChange } from './changeSummary';
import { inlineCode } from './markdown';
import type { MergedChange } from './mergedChange';
import { whatChangesSection } from './whatChangesSection';

/** A cluster of the mesh and the folder its tree lives in. */
export interface MeshMemberFolder {
  name: string;
  targetPath: string;
}

/** One member folder's part of a mesh-wide change. */
export interface FolderChange {
  member: MeshMemberFolder;
  removed: boolean;
  fileCount: number;
  summary: ChangeSummary;
}

const textLength = (lines: string[]) =>
  lines.reduce((sum, line) => sum + line.length + 1, 0);

const inFolder = (folder: string) => (path: string) =>
  path.startsWith(`${folder}/`);

/** The change split by member folder, each summarized on its own (members first, then former). */
export function folderChanges(
  merged: MergedChange,
  members: MeshMemberFolder[],
  former: MeshMemberFolder[],
): FolderChange[] {
  return [...members, ...former].map((member, i) => {
    const changes = merged.changes.filter(c =>
      inFolder(member.targetPath)(c.path),
    );
    return {
      member,
      removed: i >= members.length,
      fileCount: changes.length,
      summary: summarizeChange(changes, merged.previous),
    };
  });
}

function heading({ member, removed }: FolderChange): string {
  return `#### ${removed ? 'Removed cluster' : 'Cluster'} ${inlineCode(
    member.name,
  )} (${inlineCode(`${member.targetPath}/`)})`;
}

const describesNothing = ({ summary: s }: FolderChange) =>
  [s.specFields, s.added, s.changed, s.removed].every(l => l.length === 0) &&
  s.values.every(v => v.keys.length === 0);

/** The member's full "What changes" view under its own heading. */
function fullSection(change: FolderChange): string[] {
  if (describesNothing(change)) {
    // Files that hold no objects or spec (README.md, catalog-info.yaml) change.
    return [
      heading(change),
      '',
      `Only files without cluster objects change (${change.fileCount}; see the diff).`,
      '',
    ];
  }
  // whatChangesSection opens with its own "### What changes" heading and a blank line.
  const [, , ...rest] = whatChangesSection(change.summary);
  return [heading(change), '', ...rest];
}

/** One line counting what changes in the member, for when the full view does not fit. */
function briefLine(change: FolderChange): string {
  const { specFields, added, changed, removed, values } = change.summary;
  const counts = (
    [
      [specFields.length, 'spec fields'],
      [added.length, 'objects added'],
      [changed.length, 'objects changed'],
      [removed.length, 'objects removed'],
      [values.filter(v => v.keys.length > 0).length, 'values files changed'],
    ] as Array<[number, string]>
  )
    .filter(([count]) => count > 0)
    .map(([count, what]) => `${count} ${what}`);
  const name = `${change.removed ? 'removed ' : ''}${inlineCode(
    change.member.name,
  )}`;
  return `- ${name}: ${counts.join(', ') || `${change.fileCount} files`}`;
}

const otherHeading = ['#### Other clusters that change', ''];
/** At most the length of the line that counts the members left out. */
const closingLength = 80;

/** Brief lines within `budget` characters, the rest counted in one closing line. */
function briefLines(changes: FolderChange[], budget: number): string[] {
  const lines: string[] = [];
  let used = 0;
  for (const [i, change] of changes.entries()) {
    const line = briefLine(change);
    if (used + line.length + 1 > budget) {
      return [
        ...lines,
        `- … and ${changes.length - i} more clusters change (see the diff)`,
      ];
    }
    lines.push(line);
    used += line.length + 1;
  }
  return lines;
}

/**
 * The body's "What changes" view across every member folder, one heading per cluster. It stays
 * within `budget` characters: members are shown in full in order while the rest still fit as one
 * counting line each, so a change to a 100-cluster mesh stays within the hosts' body limits.
 */
export function meshWhatChanges(all: FolderChange[], budget: number): string[] {
  const changed = all.filter(c => c.fileCount > 0);
  const unchanged = all.filter(c => c.fileCount === 0 && !c.removed);
  const tail =
    unchanged.length > 0
      ? [
          `Unchanged: ${unchanged
            .map(c => inlineCode(c.member.name))
            .join(', ')}.`,
          '',
        ]
      : [];
  const lines = ['### What changes', ''];
  if (changed.length === 0) {
    return [
      ...lines,
      'Nothing: the base branch already holds exactly these files.',
      '',
    ];
  }
  // Room kept for the brief lines' heading, trailing blank line and closing count.
  const reserve = textLength([...otherHeading, '']) + closingLength;
  let used = textLength(lines) + textLength(tail) + reserve;
  let briefTotal = textLength(changed.map(briefLine));
  const briefs: FolderChange[] = [];
  for (const change of changed) {
    briefTotal -= briefLine(change).length + 1;
    const section = fullSection(change);
    if (
      briefs.length === 0 &&
      used + textLength(section) + briefTotal <= budget
    ) {
      lines.push(...section);
      used += textLength(section);
    } else {
      briefs.push(change);
    }
  }
  const rest =
    briefs.length > 0
      ? [...otherHeading, ...briefLines(briefs, budget - used), '']
      : [];
  return [...lines, ...rest, ...tail];
}
