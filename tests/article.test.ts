import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allSections, article, paragraphWithMarkers, sectionById, sectionPath } from '../src/article';
import type { Paragraph, Reference, Section } from '../src/article/types';

/** The scrambled source article data/article.json was restored from (licence and provenance: data/source/README.md). */
const seedUrl = new URL('../data/source/international-organization-for-migration.WHEBN0000036893.txt', import.meta.url);
/** Seed lines without trailing whitespace (some lines end in spaces). */
const seedLines = readFileSync(seedUrl, 'utf8').split('\n').map((l) => l.replace(/\s+$/, ''));

/**
 * The publisher's boilerplate: everything in the seed that is not the article.
 * Each entry names what it is; the test below checks every entry still matches something.
 */
const BOILERPLATE: { name: string; matches: (line: string, index: number) => boolean }[] = [
  // World Library page header, up to and including "Publisher: …".
  { name: 'page header', matches: (_l, i) => i <= seedLines.findIndex((l) => l.startsWith('Publisher: ')) },
  { name: 'table of contents entries', matches: (l) => /^\s*• .+ \d+$/.test(l) },
  { name: '"External links" heading', matches: (l) => l === 'External links' },
  { name: 'external link entries', matches: (l) => /^\s*• /.test(l) && !/ \d+$/.test(l) },
  {
    name: 'sourcing/copyright footer',
    matches: (_l, i) => i >= seedLines.findIndex((l) => l.startsWith('This article was sourced from')),
  },
];

const isBoilerplate = (line: string, index: number) => BOILERPLATE.some((b) => b.matches(line, index));

/** Every non-blank seed line that is article content, in seed order. */
const substantiveSeedLines = seedLines.filter((l, i) => l.trim() !== '' && !isBoilerplate(l, i));

function walk(sections: Section[], visit: (s: Section, parent?: Section) => void, parent?: Section): void {
  for (const s of sections) {
    visit(s, parent);
    walk(s.subsections, visit, s);
  }
}

const articleSections: Section[] = [];
walk(article.sections, (s) => articleSections.push(s));

const allParagraphs: Paragraph[] = [...article.lead, ...articleSections.flatMap((s) => s.paragraphs)];

function referenceLine(r: Reference): string {
  return (
    `  ${r.number}. ^ "${r.title}". ${r.publisher}.` +
    (r.date ? ` ${r.date}.` : '') +
    (r.retrieved ? ` Retrieved ${r.retrieved}.` : '')
  );
}

function infoboxLines(): string[] {
  return article.infobox.flatMap((f) =>
    f.names
      ? f.names.map((n) => n.text)
      : [`${f.label} ${paragraphWithMarkers({ text: f.value, citations: f.citations })}`],
  );
}

/** Every line the data claims to come from the seed: title, infobox, references, seed headings, paragraphs. */
function dataLines(): string[] {
  return [
    article.title,
    ...infoboxLines(),
    ...article.references.map(referenceLine),
    ...articleSections.filter((s) => !s.headingRestoredFrom).map((s) => s.heading),
    ...allParagraphs.map(paragraphWithMarkers),
  ];
}

const countOf = (list: string[], item: string) => list.filter((x) => x === item).length;
const seedIndexOf = (line: string) => seedLines.indexOf(line);

describe('article data against the seed', () => {
  it('reads the seed and finds every boilerplate entry in it', () => {
    expect(seedLines.length).toBeGreaterThan(100);
    for (const b of BOILERPLATE) {
      expect(seedLines.some((l, i) => b.matches(l, i)), b.name).toBe(true);
    }
  });

  it('every paragraph, with its markers put back, is a line of the seed verbatim', () => {
    for (const p of allParagraphs) {
      expect(seedLines, p.text.slice(0, 60)).toContain(paragraphWithMarkers(p));
    }
  });

  it('every substantive seed line occurs in the data exactly once, and nothing else does', () => {
    const data = dataLines();
    for (const line of substantiveSeedLines) {
      expect(countOf(data, line), line.slice(0, 80)).toBe(countOf(substantiveSeedLines, line));
    }
    for (const line of data) {
      expect(substantiveSeedLines, line.slice(0, 80)).toContain(line);
    }
    expect(data.length).toBe(substantiveSeedLines.length);
  });

  it('restores reading order: within a section the seed runs in reverse, the heading after its text', () => {
    // The lead's first (cut-off) line sits alone under the infobox; the rest of the lead is reversed.
    const blocks: { name: string; paragraphs: Paragraph[]; heading?: string }[] = [
      { name: 'lead', paragraphs: article.lead.slice(1) },
      ...articleSections.map((s) => ({
        name: s.id,
        paragraphs: s.paragraphs,
        heading: s.headingRestoredFrom ? undefined : s.heading,
      })),
    ];
    for (const b of blocks) {
      const indices = b.paragraphs.map((p) => seedIndexOf(paragraphWithMarkers(p)));
      const reversed = [...indices].sort((x, y) => y - x);
      expect(indices, b.name).toEqual(reversed);
      if (b.heading && indices.length > 0) {
        const headingIndex = seedLines.findIndex((l, i) => l === b.heading && i > indices[0]);
        expect(headingIndex, b.name).toBeGreaterThan(indices[0]);
        // no other paragraph of the article between the text and its heading
        const between = seedLines.slice(indices[0] + 1, headingIndex).filter((l) => l.trim() !== '');
        expect(between, b.name).toEqual([]);
      }
    }
    // sibling sections run in reverse too: a later sibling's text comes earlier in the seed
    const firstLine = (s: Section): number =>
      Math.max(...[...s.paragraphs.map((p) => seedIndexOf(paragraphWithMarkers(p))), ...s.subsections.map(firstLine)]);
    for (const parent of [{ subsections: article.sections } as Section, ...articleSections]) {
      const starts = parent.subsections.map(firstLine);
      expect(starts).toEqual([...starts].sort((x, y) => y - x));
    }
  });

  it('restored headings come from the table of contents or from the named reference', () => {
    for (const s of articleSections.filter((x) => x.headingRestoredFrom)) {
      const from = s.headingRestoredFrom!;
      const ref = /^reference (\d+)$/.exec(from);
      if (ref) {
        expect(article.references.find((r) => r.number === Number(ref[1]))?.title).toBe(s.heading);
        // and the section cites that reference
        expect(s.paragraphs.some((p) => p.citations.some((c) => c.ref === Number(ref[1])))).toBe(true);
      } else {
        expect(from).toBe('contents');
        expect(seedLines.some((l) => new RegExp(`^\\s*• ${s.heading} \\d+$`).test(l)), s.heading).toBe(true);
      }
      expect(seedLines, `${s.heading} has a heading line in the seed after all`).not.toContain(s.heading);
    }
    expect(sectionById('activities/counter-trafficking')?.heading).toBe('Counter Trafficking');
  });

  it('marks as cut off exactly the paragraphs that end without terminal punctuation', () => {
    const endsSentence = (t: string) => /[.!?:"”’)]$/.test(t);
    for (const p of allParagraphs) {
      if (p.role) {
        expect(p.cutOff, p.text).toBeFalsy();
      } else {
        expect(Boolean(p.cutOff), p.text.slice(0, 60)).toBe(!endsSentence(p.text));
      }
    }
    // and the seed's unterminated prose lines are all cut-off paragraphs in the data
    const cutTexts = allParagraphs.filter((p) => p.cutOff).map(paragraphWithMarkers);
    // Lines that are not prose by nature: title, headings, infobox, references, captions and labels.
    const notProse = new Set([
      article.title,
      ...articleSections.map((s) => s.heading),
      ...infoboxLines(),
      ...article.references.map(referenceLine),
      ...allParagraphs.filter((p) => p.role).map(paragraphWithMarkers),
    ]);
    const unterminatedSeedProse = substantiveSeedLines.filter(
      (l) => !notProse.has(l) && !endsSentence(l.replace(/\[\d+\]$/, '')),
    );
    expect(unterminatedSeedProse.sort()).toEqual(cutTexts.sort());
    expect(cutTexts.length).toBeGreaterThan(0);
  });

  it('numbers the references 1..19 and every citation points at one, inside its text', () => {
    expect(article.references.map((r) => r.number)).toEqual(Array.from({ length: 19 }, (_, i) => i + 1));
    const numbers = new Set(article.references.map((r) => r.number));
    const cited = [...allParagraphs, ...article.infobox.map((f) => ({ text: f.value, citations: f.citations }))];
    for (const p of cited) {
      for (const c of p.citations) {
        expect(numbers.has(c.ref), `[${c.ref}]`).toBe(true);
        expect(c.at).toBeGreaterThanOrEqual(0);
        expect(c.at).toBeLessThanOrEqual(p.text.length);
      }
      expect(p.text, 'a marker left in the text').not.toMatch(/\[\d+\]/);
    }
    // every marker of the seed's article text is a citation in the data
    const seedMarkers = substantiveSeedLines.flatMap((l) => [...l.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])));
    const dataMarkers = cited.flatMap((p) => p.citations.map((c) => c.ref));
    expect(dataMarkers.sort((a, b) => a - b)).toEqual(seedMarkers.sort((a, b) => a - b));
  });

  it('has the infobox facts with the year each holds for', () => {
    const keys = article.infobox.map((f) => f.key);
    expect(keys).toEqual([
      'names', 'formation', 'type', 'headquarters', 'membership', 'officialLanguages', 'directorGeneral', 'budget', 'staff',
    ]);
    expect(article.infobox.find((f) => f.key === 'names')?.names?.map((n) => n.lang)).toEqual(['en', 'fr', 'es']);
    expect(article.infobox.find((f) => f.key === 'budget')?.asOf).toBe(2013);
    for (const f of article.infobox.filter((x) => x.key !== 'budget')) expect(f.asOf, f.key).toBe(2014);
  });

  it('carries the attribution', () => {
    expect(article.attribution).toMatchObject({
      source: 'World Heritage Encyclopedia',
      licence: 'CC BY-SA 3.0',
      licenceUrl: 'https://creativecommons.org/licenses/by-sa/3.0/',
      snapshotYear: 2014,
    });
    expect(seedLines).toContain(`Article Id: ${article.attribution.articleId}`);
    expect(seedLines).toContain(`Author: ${article.attribution.source}`);
  });
});

describe('article access', () => {
  it('lists the fixed section ids in reading order', () => {
    expect(allSections().map((s) => s.id)).toEqual([
      'overview', 'key-facts', 'history', 'activities',
      'activities/humanitarian-emergencies', 'activities/migration-and-development', 'activities/labour-migration',
      'activities/migrant-integration', 'activities/migrant-training', 'activities/migration-and-health',
      'activities/migration-and-environment', 'activities/immigration-and-border-management',
      'activities/counter-trafficking', 'activities/refugee-resettlement', 'activities/migration-policy-and-research',
      'advocacy', 'campaigns', 'campaigns/migrants-contribute', 'campaigns/migration-means', 'member-states',
    ]);
  });

  it('names sections by their heading path', () => {
    expect(sectionPath('activities/counter-trafficking')).toBe('Activities › Counter Trafficking');
    expect(sectionPath('campaigns/migration-means')).toBe('Campaigns › Migration Means');
    expect(sectionPath('overview')).toBe('Overview');
    expect(sectionPath('key-facts')).toBe('Key facts');
    expect(sectionPath('member-states')).toBe('Member States');
    expect(sectionPath('nope')).toBeUndefined();
  });

  it('puts markers back where they stood', () => {
    expect(paragraphWithMarkers({ text: 'ab', citations: [{ ref: 2, at: 1 }, { ref: 1, at: 2 }] })).toBe('a[2]b[1]');
    expect(paragraphWithMarkers({ text: 'ab', citations: [{ ref: 9, at: 0 }] })).toBe('[9] ab');
  });
});
