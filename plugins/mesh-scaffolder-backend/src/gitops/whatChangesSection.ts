import type { ChangeSummary, ObjectRef } from './changeSummary';
import { destructiveRemovals, impactNotes } from './impactNotes';
import { escapeMarkdownCell, inlineCode } from './markdown';

/** Bounds per list, so a change to a 100-cluster mesh stays well within the hosts' body limits. */
const maxItems = 30;
const maxPathsPerItem = 8;

function capped(lines: string[], what: string, max = maxItems): string[] {
  return lines.length > max
    ? [
        ...lines.slice(0, max),
        `- … and ${lines.length - max} more ${what} (see the diff)`,
      ]
    : lines;
}

function pathList(paths: string[]): string {
  const shown = paths.slice(0, maxPathsPerItem).map(inlineCode).join(', ');
  const more = paths.length - maxPathsPerItem;
  return more > 0 ? `${shown} and ${more} more` : shown;
}

const objectText = (o: ObjectRef) =>
  `${escapeMarkdownCell(o.kind)} ${inlineCode(
    o.namespace ? `${o.namespace}/${o.name}` : o.name,
  )}`;

function part(title: string, lines: string[]): string[] {
  return lines.length > 0 ? [`**${title}**`, '', ...lines, ''] : [];
}

/**
 * The body's "What changes" section: destructive removals in bold first, impact notes, then the
 * spec fields, objects and Helm values keys that change compared with the base branch.
 */
export function whatChangesSection(summary: ChangeSummary): string[] {
  const { specFields, added, changed, removed, values } = summary;
  const valueLines = values.filter(v => v.keys.length > 0);
  if (
    [specFields, added, changed, removed, valueLines].every(l => l.length === 0)
  ) {
    return [
      '### What changes',
      '',
      'Nothing: the base branch already holds exactly these files.',
      '',
    ];
  }
  const value = (v?: string) => (v === undefined ? '(none)' : inlineCode(v));
  const headline = [
    ...destructiveRemovals(summary).map(
      o => `- **Deletes ${objectText(o)} (${escapeMarkdownCell(o.file)})**`,
    ),
    ...capped(
      impactNotes(summary).map(n => `- ${n}`),
      'notes',
    ),
  ];
  return [
    '### What changes',
    '',
    ...(headline.length > 0 ? [...headline, ''] : []),
    ...part(
      'Spec fields',
      capped(
        specFields.map(
          f =>
            `- ${inlineCode(f.path)}: ${value(f.before)} → ${value(f.after)}`,
        ),
        'fields',
      ),
    ),
    ...part(
      'Objects added',
      capped(
        added.map(o => `- ${objectText(o)}`),
        'objects',
      ),
    ),
    ...part(
      'Objects changed',
      capped(
        changed.map(o => `- ${objectText(o)}: ${pathList(o.fields)}`),
        'objects',
      ),
    ),
    ...part(
      'Objects removed',
      capped(
        removed.map(o => `- ${objectText(o)}`),
        'objects',
      ),
    ),
    ...part(
      'Helm values changed',
      capped(
        valueLines.map(v => `- ${inlineCode(v.release)}: ${pathList(v.keys)}`),
        'releases',
      ),
    ),
  ];
}
