/**
 * Search the bundled article from the command line, with the same index, options and code
 * as the popup (src/search/):
 *
 * - `npm run -s search -- "QUERY"` prints one JSON line per result, best first:
 *   {"section": "Activities › Counter Trafficking", "score": 12.3, "snippet": "…", "from": "p:…"}.
 *   The empty state (the article does not cover the query) prints nothing, exit 0.
 * - `npm run -s search -- --jsonl` reads {"id", "q"} lines on stdin and prints one line per
 *   query, in order (src/search/batch.ts): {"id", "results": […]}, {"id", "empty": true,
 *   "reason"}, or {"id", "error"} for a malformed line.
 *
 * No query: usage on stderr, exit 2. A closed pipe (`| head`) ends quietly.
 */
import { createInterface } from 'node:readline';
import { buildSerializedIndex } from '../src/search/build-index';
import { answerBatchLine, batchResult } from '../src/search/batch';
import { answerQuery, loadArticleIndex } from '../src/search/search';
import { exitQuietlyOnClosedPipe } from './closed-pipe';

const args = process.argv.slice(2);
const jsonl = args.includes('--jsonl');
const query = args.filter((a) => a !== '--jsonl').join(' ').trim();
if (!jsonl && !query) {
  process.stderr.write('usage: npm run -s search -- "QUERY"   |   npm run -s search -- --jsonl < queries.jsonl\n');
  process.exit(2);
}

// Built and then loaded from JSON, exactly as the extension ships and loads it.
const index = loadArticleIndex(buildSerializedIndex());
exitQuietlyOnClosedPipe();

if (jsonl) {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  lines.on('line', (line) => {
    if (line.trim() === '') return;
    process.stdout.write(JSON.stringify(answerBatchLine(index, line)) + '\n');
  });
} else {
  const answer = answerQuery(index, query);
  const out: string[] = [];
  for (const result of answer.empty ? [] : answer.results) {
    const { section, score, snippet, from } = batchResult(result);
    // Spaced like the contract's example line; still one valid JSON object per line.
    const fields = [`"section": ${JSON.stringify(section)}`, `"score": ${score}`, `"snippet": ${JSON.stringify(snippet)}`, `"from": ${JSON.stringify(from)}`];
    out.push(`{${fields.join(', ')}}\n`);
  }
  process.stdout.write(out.join(''));
}
