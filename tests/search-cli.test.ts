import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answerBatchLine, MAX_QUERY_CHARS } from '../src/search/batch';
import { buildSerializedIndex } from '../src/search/build-index';
import { answerQuery, loadArticleIndex } from '../src/search/search';

const TSX = join('node_modules', '.bin', 'tsx');
/** A CLI run starts tsx and builds the index: seconds on a busy machine, past vitest's 5 s default. */
const CLI_TIMEOUT_MS = 60_000;
const CLI_TEST_OPTIONS = { timeout: CLI_TIMEOUT_MS + 5_000 };

function runCli(args: string[], input = ''): { stdout: string; stderr: string; status: number | null } {
  const result = spawnSync(TSX, ['scripts/search.ts', ...args], { input, encoding: 'utf8', timeout: CLI_TIMEOUT_MS });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

const index = loadArticleIndex(buildSerializedIndex());

describe('search CLI --jsonl', CLI_TEST_OPTIONS, () => {
  it('answers each line in order: results, the empty state, an error line for a malformed one', () => {
    const lines = [
      JSON.stringify({ id: 'staff', q: 'how many staff does IOM have' }),
      'this is not json',
      JSON.stringify({ id: 'tax', q: 'Isle of Man tax' }),
      JSON.stringify({ id: 3, q: 42 }),
      JSON.stringify({ q: 'no id' }),
      JSON.stringify({ id: 'es', q: 'cuándo se fundó la OIM' }),
      JSON.stringify({ id: 'stop', q: 'how was it' }),
    ];
    const { stdout, stderr, status } = runCli(['--jsonl'], lines.join('\n') + '\n');
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const out = stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(out.map((o) => o.id)).toEqual(['staff', null, 'tax', 3, null, 'es', 'stop']);
    expect(out[0].results[0]).toEqual({ section: 'Key facts', sectionId: 'key-facts', score: expect.any(Number), snippet: 'Staff: 8,400', from: 'p:key-facts:8', answer: '8,400' });
    for (const r of out[0].results) {
      expect(Object.keys(r).sort()).toEqual(expect.arrayContaining(['from', 'score', 'section', 'sectionId', 'snippet']));
      expect(r.from).toMatch(/^p:[a-z/-]+:\d+$/);
    }
    expect(out[1].error).toMatch(/not valid JSON/);
    expect(out[2]).toEqual({ id: 'tax', empty: true, reason: 'not-covered', uncovered: ['isle', 'tax'] });
    expect(out[3]).toEqual({ id: 3, error: '"q" must be a string' });
    expect(out[4]).toEqual({ id: null, error: '"id" must be a string or a number' });
    expect(out[5].results[0]).toMatchObject({ sectionId: 'key-facts', snippet: 'Formation: 1951', answer: '1951' });
    expect(out[6]).toEqual({ id: 'stop', empty: true, reason: 'no-content-words', uncovered: [] });
  });

  it('prints what the popup computes (the same module, the same index)', () => {
    const queries = ['trafficking', 'langues officielles', 'reasentamiento', 'WWII'];
    const { stdout } = runCli(['--jsonl'], queries.map((q, i) => JSON.stringify({ id: i, q })).join('\n'));
    const out = stdout.trim().split('\n').map((line) => JSON.parse(line));
    queries.forEach((q, i) => {
      const answer = answerQuery(index, q);
      expect(answer.empty).toBe(false);
      if (answer.empty) return;
      expect(out[i].results.map((r: { sectionId: string }) => r.sectionId)).toEqual(answer.results.map((r) => r.sectionId));
      expect(out[i].results.map((r: { snippet: string }) => r.snippet)).toEqual(answer.results.map((r) => r.snippet));
    });
  });

  it('stops quietly (exit 0, nothing on stderr) when the reader closes the pipe early', () => {
    const dir = mkdtempSync(join(tmpdir(), 'iom-search-'));
    const input = join(dir, 'many.jsonl');
    writeFileSync(input, Array.from({ length: 5_000 }, (_, i) => JSON.stringify({ id: i, q: `trafficking ${i}` })).join('\n'));
    // pipefail: the pipeline's status is the CLI's, not head's.
    const result = spawnSync('bash', ['-c', `set -o pipefail; "${TSX}" scripts/search.ts --jsonl < "${input}" | head -n 1 > /dev/null`], {
      encoding: 'utf8',
      timeout: CLI_TIMEOUT_MS,
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('one query: one line per result with section, score, snippet and source; no query: usage, exit 2', () => {
    const { stdout, status } = runCli(['trafficking']);
    expect(status).toBe(0);
    const first = JSON.parse(stdout.split('\n')[0]);
    expect(first.section).toBe('Activities › Counter Trafficking');
    expect(first.from).toMatch(/^p:activities\/counter-trafficking:\d$/);
    expect(runCli(['Isle of Man tax']).stdout).toBe('');
    const none = runCli([]);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/usage/);
  });
});

describe('batch lines', () => {
  it('refuses a line that is not an object, and an over-long query', () => {
    expect(answerBatchLine(index, '[1, 2]')).toEqual({ id: null, error: 'a line must be a JSON object {"id", "q"}' });
    expect(answerBatchLine(index, 'null')).toEqual({ id: null, error: 'a line must be a JSON object {"id", "q"}' });
    expect(answerBatchLine(index, JSON.stringify({ id: 'x', q: 'a'.repeat(MAX_QUERY_CHARS + 1) }))).toEqual({
      id: 'x',
      error: `"q" is longer than ${MAX_QUERY_CHARS} characters`,
    });
  });
});
