import { escapeMarkdownCell } from './markdown';

/** The notes' share of the body; the object table and "What changes" keep the rest of the host's limit. */
export const maxNotesLength = 8_000;
/** One note longer than this is cut, so that a single note cannot use the whole share. */
const maxNoteLength = 1_000;

function noteLine(note: string): string {
  const characters = [...note];
  const text =
    characters.length > maxNoteLength
      ? `${characters.slice(0, maxNoteLength).join('')}…`
      : note;
  return `- ${escapeMarkdownCell(text)}`;
}

/**
 * "Notes for the reviewer": what the caller says about the change (an upgrade stage: what it
 * does, which namespaces need a rollout restart), one list item per note. The notes are the
 * caller's text, so they are escaped like validation messages: none can end the list, open a
 * heading or HTML, or add a link or mention. Notes past the share are counted, not shown.
 */
export function reviewerNotesSection(notes: string[] = []): string[] {
  const given = notes.filter(note => note.trim() !== '');
  if (given.length === 0) {
    return [];
  }
  const lines: string[] = [];
  let length = 0;
  for (const line of given.map(noteLine)) {
    if (length + line.length + 1 > maxNotesLength) break;
    lines.push(line);
    length += line.length + 1;
  }
  const more = given.length - lines.length;
  return [
    '### Notes for the reviewer',
    '',
    ...lines,
    ...(more > 0
      ? [
          `- … and ${more} more notes, left out to keep the body within the host's limit`,
        ]
      : []),
    '',
  ];
}
