import { BundleIndexEntry } from '../bundle/meshBundle';
import { escapeMarkdownCell, inlineCode } from './markdown';

/**
 * The bundle's objects as a Markdown table grouped by component, so a reviewer sees at a glance
 * what the change installs. `maxRows` keeps the body within the hosts' size limits; the rest is
 * counted, and the full list stays in the diff.
 */
export function objectTable(
  entries: BundleIndexEntry[],
  maxRows = 300,
): string {
  const sorted = [...entries].sort(
    (a, b) =>
      a.component.localeCompare(b.component) ||
      a.file.localeCompare(b.file) ||
      a.kind.localeCompare(b.kind) ||
      a.name.localeCompare(b.name),
  );
  const counts = new Map<string, number>();
  for (const e of sorted) {
    counts.set(e.component, (counts.get(e.component) ?? 0) + 1);
  }
  const summary = [...counts.entries()].map(([c, n]) => `${c} ${n}`).join(', ');
  const rows = sorted
    .slice(0, maxRows)
    .map(
      e =>
        `| ${escapeMarkdownCell(e.component)} | ${escapeMarkdownCell(
          e.kind,
        )} | ` +
        `${escapeMarkdownCell(e.name)} | ${escapeMarkdownCell(
          e.namespace ?? '',
        )} | ${inlineCode(e.file)} |`,
    );
  const more =
    sorted.length > maxRows
      ? [`\n… and ${sorted.length - maxRows} more objects (see the diff).`]
      : [];
  return [
    `${sorted.length} objects: ${summary}.`,
    '',
    '| Component | Kind | Name | Namespace | File |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    ...more,
  ].join('\n');
}
