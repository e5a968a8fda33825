import { describe, expect, it } from 'vitest';
import { createDetector } from '../src/detect/index';
import { joinsHyphenated, LINE_END, softenFinalHyphen } from '../src/pdf/page-text';
import { looksLikePdfUrl, pdfFileName, readerPathFor, requestedPdfUrl } from '../src/pdf/source';

describe('PDF line ends', () => {
  it('joins a word hyphenated at a line end, and only then', () => {
    expect(joinsHyphenated('Committee for Euro-', 'pean Migration')).toBe(true);
    expect(joinsHyphenated('counter-', 'trafficking')).toBe(true);
    // A dash after a space, a capitalised next line, a number: not one word.
    expect(joinsHyphenated('1951 -', 'pean')).toBe(false);
    expect(joinsHyphenated('Euro-', 'Pean')).toBe(false);
    expect(joinsHyphenated('2014-', '2015')).toBe(false);
    expect(joinsHyphenated('no hyphen', 'here')).toBe(false);
  });

  it('gives the detector the names as one phrase: a line end is a space, a soft hyphen vanishes', () => {
    const detector = createDetector();
    const wrapped = `help of the International Organization for${LINE_END}Migration, which works on resettlement`;
    expect(detector.detect(wrapped).map((m) => m.entityId)).toContain('iom');
    const hyphenated = `${softenFinalHyphen('became the Intergovernmental Committee for Euro-')}pean Migration (ICEM) in 1952`;
    expect(detector.detect(hyphenated).map((m) => m.entityId)).toContain('icem');
    // Without the soft hyphen the name is not found: the join is what makes it.
    expect(detector.detect('became the Intergovernmental Committee for Euro-\npean Migration in 1952').map((m) => m.entityId)).not.toContain('icem');
  });
});

describe('reader source', () => {
  it('round-trips a PDF URL through the reader address and refuses other schemes', () => {
    const url = 'https://example.org/reports/world migration 2024.pdf?x=1#page=3';
    const path = readerPathFor(url);
    expect(path.startsWith('/pdf-reader.html?url=')).toBe(true);
    expect(requestedPdfUrl(path.slice(path.indexOf('?')))).toBe(new URL(url).href);
    expect(requestedPdfUrl('?url=javascript%3Aalert(1)')).toBeUndefined();
    expect(requestedPdfUrl('?url=chrome-extension%3A%2F%2Fabc%2Fx.pdf')).toBeUndefined();
    expect(requestedPdfUrl('?url=not%20a%20url')).toBeUndefined();
    expect(requestedPdfUrl('')).toBeUndefined();
  });

  it('recognises PDF tabs and names downloads', () => {
    expect(looksLikePdfUrl('https://publications.iom.int/system/files/pdf/wmr_2024.PDF')).toBe(true);
    expect(looksLikePdfUrl('file:///home/me/report.pdf')).toBe(true);
    expect(looksLikePdfUrl('https://example.org/report.pdf.html')).toBe(false);
    expect(looksLikePdfUrl('chrome://settings/x.pdf')).toBe(false);
    expect(looksLikePdfUrl(undefined)).toBe(false);
    expect(pdfFileName('https://example.org/a/World%20Report.pdf')).toBe('World Report.pdf');
    expect(pdfFileName('https://example.org/download')).toBe('download.pdf');
    expect(pdfFileName('https://example.org/')).toBe('document.pdf');
    expect(pdfFileName(undefined)).toBe('document.pdf');
  });
});
