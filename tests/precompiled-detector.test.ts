/**
 * The page pipeline's detector is made from matchers compiled at build time
 * (src/detect/precompile.ts, inlined as JSON by wxt.config.ts): it must find exactly what
 * createDetector finds, on every corpus text, under every policy and with entities known.
 */
import { describe, expect, it } from 'vitest';
import { allCorpusTexts } from './corpus-texts';
import { createDetector, type DetectOptions } from '../src/detect/index';
import { Matchers } from '../src/detect/matchers';
import { reviveMatchers, serializeMatchers } from '../src/detect/precompile';
import { entities } from '../src/entities/registry';

const corpusTexts = allCorpusTexts();

// Through JSON, as the build inlines it.
const serialized = JSON.parse(JSON.stringify(serializeMatchers(entities))) as ReturnType<typeof serializeMatchers>;
const built = createDetector();
const precompiled = createDetector(entities, reviveMatchers(serialized, entities));

const OPTIONS: DetectOptions[] = [
  {},
  { programmePolicy: 'always' },
  { programmePolicy: 'if-iom-mentioned' },
  { programmePolicy: 'never', kinds: ['org', 'former-name'] },
  { knownEntityIds: entities.map((e) => e.id) },
];

describe('precompiled detector', () => {
  it('revives the same tries and lookups as the matchers built at run time', () => {
    const revived = reviveMatchers(serialized, entities);
    const fresh = new Matchers(entities);
    for (const kind of ['forms', 'cues'] as const) {
      expect(revived[kind].map((scan) => [scan.regex.source, scan.regex.flags, scan.fallback?.flags, scan.lowerCase, scan.bounded])).toEqual(
        fresh[kind].map((scan) => [scan.regex.source, scan.regex.flags, scan.fallback?.flags, scan.lowerCase, scan.bounded]),
      );
      revived[kind].forEach((scan, i) => expect(scan.entries).toEqual(fresh[kind][i].entries));
    }
    // One object per compiled form, shared by every phrase that stands for it, pointing into the registry.
    const entries = revived.forms.flatMap((scan) => [...scan.entries.values()].flat());
    expect(new Set(entries).size).toBeLessThan(entries.length);
    expect(entries.every((entry) => entities.includes(entry.entity) && entry.entity.forms.includes(entry.form))).toBe(true);
  });

  it(`finds exactly what createDetector finds in every corpus text (${corpusTexts.length} texts, ${OPTIONS.length} settings)`, () => {
    expect(corpusTexts.length).toBeGreaterThan(300);
    let mentions = 0;
    const differences: string[] = [];
    for (const { name, id, text } of corpusTexts) {
      for (const options of OPTIONS) {
        const expected = built.detect(text, options);
        mentions += expected.length;
        if (JSON.stringify(precompiled.detect(text, options)) !== JSON.stringify(expected)) differences.push(`${name}:${id} ${JSON.stringify(options)}`);
      }
    }
    expect(differences).toEqual([]);
    expect(mentions).toBeGreaterThan(1_000);
  }, 120_000);

  it('refuses matchers compiled from another registry', () => {
    expect(() => reviveMatchers(serialized, entities.slice(1))).toThrow(/another entity registry/);
  });
});
