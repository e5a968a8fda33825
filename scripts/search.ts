/**
 * Search the bundled article from the command line, with the same index and options as
 * the popup: `npm run -s search -- "QUERY"` prints one JSON line per result, best first:
 * {"section": "Activities › Counter Trafficking", "score": 12.3, "snippet": "…"}
 * No results: prints nothing, exit 0. No query: usage on stderr, exit 2.
 */
import { buildSerializedIndex } from '../src/search/build-index';
import { loadArticleIndex, searchArticle } from '../src/search/search';
import { exitQuietlyOnClosedPipe } from './closed-pipe';

/** Scores are printed to this many decimals. */
const SCORE_DECIMALS = 2;

const query = process.argv.slice(2).join(' ').trim();
if (!query) {
  process.stderr.write('usage: npm run -s search -- "QUERY"\n');
  process.exit(2);
}

// Built and then loaded from JSON, exactly as the extension ships and loads it.
const index = loadArticleIndex(buildSerializedIndex());
exitQuietlyOnClosedPipe();
const lines: string[] = [];
for (const result of searchArticle(index, query)) {
  const score = Number(result.score.toFixed(SCORE_DECIMALS));
  // Spaced like the contract's example line; still one valid JSON object per line.
  const fields = [`"section": ${JSON.stringify(result.section)}`, `"score": ${score}`, `"snippet": ${JSON.stringify(result.snippet)}`];
  lines.push(`{${fields.join(', ')}}\n`);
}
process.stdout.write(lines.join(''));
