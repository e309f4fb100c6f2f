import { maxNotesLength, reviewerNotesSection } from './reviewerNotesSection';

/** The text a reader sees in one escaped list item: every backslash escape undone. */
const shownText = (line: string) => line.slice(2).replace(/\\(.)/g, '$1');

describe('reviewerNotesSection', () => {
  it.each([[undefined], [[]], [['', '  \n ']]])(
    'is left out when there are no notes (%j)',
    notes => {
      expect(reviewerNotesSection(notes)).toEqual([]);
    },
  );

  it('lists every note under its own heading', () => {
    expect(
      reviewerNotesSection([
        'istiod 1-31-0 (1.31.0) runs beside 1-30-3 (1.30.3); no namespace moves',
        'namespace payments now follows tag canary',
      ]),
    ).toEqual([
      '### Notes for the reviewer',
      '',
      '- istiod 1-31-0 \\(1.31.0\\) runs beside 1-30-3 \\(1.30.3\\); no namespace moves',
      '- namespace payments now follows tag canary',
      '',
    ]);
  });

  it('keeps hostile text inside its list item: no heading, HTML, code fence, link or mention escapes it', () => {
    // GIVEN notes that try to end the list and inject Markdown into the reviewer's view
    const hostile = [
      'ok\n## Approved by security\n<details open>',
      'lone\rcarriage return\r\n# heading',
      '```\n</details>\n[click](https://evil.example/) @org/admins ![x](y) | a | b |',
      '<!-- hide the rest',
    ];
    // WHEN they become the section
    const section = reviewerNotesSection(hostile);
    // THEN each is one list item whose shown text is the note on one line
    const items = section.slice(2, -1);
    expect(items).toHaveLength(hostile.length);
    items.forEach((line, i) => {
      expect(line).toMatch(/^- /);
      expect(line).not.toMatch(/[\r\n]/);
      expect(shownText(line)).toBe(hostile[i].replace(/\r\n?|\n/g, ' '));
      // AND no Markdown or HTML punctuation is left unescaped
      expect(line.slice(2).replace(/\\./g, '')).not.toMatch(
        /[\\`*_{}[\]()#+!|<>@~]/,
      );
    });
  });

  it('stays within its share of the body, counting the notes it leaves out', () => {
    // GIVEN 500 notes of 100 characters and one of 5,000
    const notes = [
      'x'.repeat(5_000),
      ...Array.from({ length: 500 }, (_, i) =>
        `namespace ns-${i} needs a rollout restart`.padEnd(100, '.'),
      ),
    ];
    // WHEN they become the section
    const section = reviewerNotesSection(notes);
    // THEN the long note is cut, and the listed notes fit the share
    expect(section[2]).toBe(`- ${'x'.repeat(1_000)}…`);
    const items = section.slice(2, -2);
    expect(items.join('\n').length).toBeLessThanOrEqual(maxNotesLength);
    // AND the rest are counted
    expect(section.at(-2)).toBe(
      `- … and ${
        notes.length - items.length
      } more notes, left out to keep the body within the host's limit`,
    );
    expect(items.length).toBeGreaterThan(50);
  });
});
