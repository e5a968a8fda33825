import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { htmlToText, looksLikeHtml } from '../src/detect/html-text';
import { loadCorpus, expectedSpans, evaluate, CorpusError } from '../scripts/eval-detect';

const TSX = join('node_modules', '.bin', 'tsx');
/**
 * A CLI run starts tsx, which compiles the detector first: seconds on a busy machine, past
 * vitest's 5 s default. The test waits as long as the child may run.
 */
const CLI_TIMEOUT_MS = 60_000;
const CLI_TEST_OPTIONS = { timeout: CLI_TIMEOUT_MS + 5_000 };

function runCli(args: string[], input = ''): { stdout: string; stderr: string; status: number | null } {
  const result = spawnSync(TSX, ['scripts/detect.ts', ...args], { input, encoding: 'utf8', timeout: CLI_TIMEOUT_MS });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

describe('detect CLI --jsonl', CLI_TEST_OPTIONS, () => {
  it('answers each line in order with the contract shape, and an error line for malformed input', () => {
    const lines = [
      JSON.stringify({ id: 'a', text: 'The International Organization for Migration (IOM) helps migrants.' }),
      'this is not json',
      JSON.stringify({ id: 'b', text: 42 }),
      JSON.stringify({ id: 'c', text: 'Ferry to the IOM during TT week, Douglas.' }),
      JSON.stringify({ id: 'd', text: 'Nació el Comité Intergubernamental para las Migraciones Europeas.' }),
    ];
    const { stdout, status } = runCli(['--jsonl'], lines.join('\n') + '\n');
    expect(status).toBe(0);
    const out = stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(out).toHaveLength(5);
    expect(out[0]).toEqual({
      id: 'a',
      mentions: [
        { start: 4, end: 44, surface: 'International Organization for Migration', entity: 'org', entityId: 'iom' },
        { start: 46, end: 49, surface: 'IOM', entity: 'org', entityId: 'iom' },
      ],
    });
    expect(out[1].id).toBeNull();
    expect(out[1].error).toMatch(/not valid JSON/);
    expect(out[2]).toEqual({ id: 'b', error: '"text" must be a string' });
    expect(out[3]).toEqual({ id: 'c', mentions: [] });
    expect(out[4].mentions).toEqual([
      { start: 9, end: 64, surface: 'Comité Intergubernamental para las Migraciones Europeas', entity: 'former-name', entityId: 'icem' },
    ]);
  });

  it('streams a large input (2,000 lines) without losing or reordering any', () => {
    const lines = Array.from({ length: 2000 }, (_, i) => JSON.stringify({ id: `n${i}`, text: `Line ${i}: IOM helped ${i} migrants.` }));
    const { stdout, status } = runCli(['--jsonl'], lines.join('\n'));
    expect(status).toBe(0);
    const out = stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(out.map((o) => o.id)).toEqual(lines.map((_, i) => `n${i}`));
    expect(out.every((o) => o.mentions.length === 1 && o.mentions[0].surface === 'IOM')).toBe(true);
  });

  it('stops quietly (exit 0, nothing on stderr) when the reader closes the pipe early', () => {
    const dir = mkdtempSync(join(tmpdir(), 'iom-detect-'));
    const input = join(dir, 'many.jsonl');
    writeFileSync(input, Array.from({ length: 20_000 }, (_, i) => JSON.stringify({ id: i, text: `IOM helped ${i} migrants.` })).join('\n'));
    // pipefail: the pipeline's status is the CLI's, not head's.
    const result = spawnSync('bash', ['-c', `set -o pipefail; "${TSX}" scripts/detect.ts --jsonl < "${input}" | head -n 1 > /dev/null`], {
      encoding: 'utf8',
      timeout: CLI_TIMEOUT_MS,
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('rejects a bad option with a usage message', () => {
    const { stderr, status } = runCli(['--programmes=sometimes', '--jsonl']);
    expect(status).toBe(2);
    expect(stderr).toMatch(/--programmes must be one of/);
  });
});

describe('detect CLI on files', CLI_TEST_OPTIONS, () => {
  it('prints mentions of text and HTML files, skipping script and style', () => {
    const dir = mkdtempSync(join(tmpdir(), 'iom-detect-'));
    const html = join(dir, 'page.html');
    writeFileSync(
      html,
      '<html><head><title>x</title><style>.IOM{}</style></head><body><script>var IOM = 1;</script><h1>INTERNATIONAL ORGANIZATION FOR MIGRATION</h1><p>The IOM&rsquo;s staff help migrants.</p></body></html>',
    );
    const text = join(dir, 'note.txt');
    writeFileSync(text, 'Nothing here about the Isle of Man.');
    const { stdout, status } = runCli([html, text]);
    expect(status).toBe(0);
    expect(stdout).toContain(`== ${html} (HTML, visible text`);
    expect(stdout).toMatch(/2 mentions/);
    expect(stdout).toContain('"INTERNATIONAL ORGANIZATION FOR MIGRATION"');
    expect(stdout).toContain(`== ${text} (text`);
    expect(stdout).toMatch(/note\.txt .*: 0 mentions/);
  });

  it('reports an unreadable file and exits 1, after handling the others', () => {
    const dir = mkdtempSync(join(tmpdir(), 'iom-detect-'));
    const good = join(dir, 'ok.txt');
    writeFileSync(good, 'IOM and UNHCR help refugees.');
    const { stdout, stderr, status } = runCli([join(dir, 'missing.txt'), good]);
    expect(status).toBe(1);
    expect(stderr).toMatch(/missing\.txt: cannot read/);
    expect(stdout).toMatch(/ok\.txt .*: 1 mention/);
  });
});

describe('htmlToText', () => {
  it('keeps visible text, drops invisible elements and turns blocks into line breaks', () => {
    const text = htmlToText(
      '<!doctype html><html><head><title>T</title></head><body><div>One<span> two</span></div><noscript>n</noscript><template><p>t</p></template><p hidden>h</p><ul><li>A &amp; B</li><li>C</li></ul><img alt="Pic"></body></html>',
    );
    expect(text).toBe('One two\nA & B\nC\nPic');
  });

  it('recognises HTML by name or content', () => {
    expect(looksLikeHtml('plain', 'a.html')).toBe(true);
    expect(looksLikeHtml('<!DOCTYPE html><p>x')).toBe(true);
    expect(looksLikeHtml('IOM < 3 and > 2')).toBe(false);
  });
});

describe('eval-detect corpus handling', () => {
  it('computes gold spans: every occurrence without nth, only the nth with it', () => {
    const [item] = loadCorpus(
      JSON.stringify({ id: 'x', lang: 'en', text: 'IOM met IOM and IOM', expected: [{ surface: 'IOM', entityId: 'iom', nth: 1 }] }),
    );
    expect(expectedSpans(item).map((s) => s.start)).toEqual([8]);
    const [all] = loadCorpus(JSON.stringify({ id: 'y', lang: 'en', text: 'IOM met IOM', expected: [{ surface: 'IOM', entityId: 'iom' }] }));
    expect(expectedSpans(all).map((s) => s.start)).toEqual([0, 8]);
  });

  it('fails clearly on a malformed corpus', () => {
    expect(() => loadCorpus('{"id": "a", "text": "x"}')).toThrow(/"expected" must be an array/);
    expect(() => loadCorpus('{oops')).toThrow(CorpusError);
    expect(() => loadCorpus('{"id": "a", "text": "x", "expected": [{"surface": "x", "entityId": "nope"}]}')).toThrow(/unknown entityId/);
    const [item] = loadCorpus('{"id": "a", "text": "x", "expected": [{"surface": "IOM", "entityId": "iom"}]}');
    expect(() => expectedSpans(item)).toThrow(/does not occur/);
  });

  it('counts true positives, misses and false alarms', () => {
    const items = loadCorpus(
      [
        { id: 'tp', lang: 'en', text: 'IOM helps refugees.', expected: [{ surface: 'IOM', entityId: 'iom' }] },
        { id: 'fn', lang: 'en', text: 'IOM said hello.', expected: [{ surface: 'IOM', entityId: 'iom' }] },
        { id: 'fp', lang: 'en', text: 'IOM helps refugees.', expected: [] },
      ]
        .map((o) => JSON.stringify(o))
        .join('\n'),
    );
    const report = evaluate(items);
    expect(report.overall).toEqual({ tp: 1, fp: 1, fn: 1 });
    expect(report.misses.map((m) => m.id)).toEqual(['fn']);
    expect(report.falseAlarms.map((m) => m.id)).toEqual(['fp']);
  });
});

describe('eval:detect script', CLI_TEST_OPTIONS, () => {
  it('exits 1 with a clear message on a malformed corpus file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'iom-eval-'));
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, '{"id": "a", "text": "x", "expected": "none"}\n');
    const result = spawnSync(TSX, ['scripts/eval-detect.ts', file], { encoding: 'utf8', timeout: CLI_TIMEOUT_MS });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/line 1 \(a\): "expected" must be an array/);
  });
});
