import { answerQuery, DEFAULT_RESULT_LIMIT, type ArticleIndex, type SearchResult } from './search';

/**
 * The batch contract of `npm run -s search -- --jsonl`, one line in, one line out:
 * {"id", "q"} → {"id", "results": [{section, sectionId, score, snippet, from, answer?}]}
 * or {"id", "empty": true, "reason", "uncovered"}, either with "since": [{id, date, text,
 * label}] when facts from after the article match; a malformed line → {"id", "error"}
 * (id null when the line has none). Pure, so the CLI and the tests run the very code the popup runs.
 */
export type BatchLine =
  | ({ id: BatchId; results: BatchResult[] } & SinceField)
  | ({ id: BatchId; empty: true; reason: string; uncovered: string[] } & SinceField)
  | { id: BatchId; error: string };

/** Facts from after the article that the query names (data/since-2014.json), when there are any. */
type SinceField = { since?: { id: string; date: string; text: string; label: typeof SINCE_LABEL }[] };

/** Marks facts from after the 2014 snapshot, so no reader mistakes them for the article's. */
const SINCE_LABEL = 'since the article';

type BatchId = string | number | null;

export interface BatchResult {
  /** Heading path: "Activities › Counter Trafficking". */
  section: string;
  sectionId: string;
  score: number;
  snippet: string;
  /** The paragraph or infobox fact the snippet comes from: "p:<sectionId>:<n>". */
  from: string;
  /** The answer phrase marked in the snippet, when there is one. */
  answer?: string;
}

/** Scores are printed to this many decimals. */
const SCORE_DECIMALS = 2;
/** Longest query accepted, in characters: a search box's worth, so a stray file cannot make the CLI do unbounded work. */
export const MAX_QUERY_CHARS = 500;

export function batchResult(result: SearchResult): BatchResult {
  return {
    section: result.section,
    sectionId: result.sectionId,
    score: Number(result.score.toFixed(SCORE_DECIMALS)),
    snippet: result.snippet,
    from: result.sourceId,
    ...(result.answerMark ? { answer: result.snippet.slice(...result.answerMark) } : {}),
  };
}

export function answerBatchLine(index: ArticleIndex, line: string, limit = DEFAULT_RESULT_LIMIT): BatchLine {
  let request: unknown;
  try {
    request = JSON.parse(line);
  } catch (error) {
    return { id: null, error: `not valid JSON (${(error as Error).message})` };
  }
  if (typeof request !== 'object' || request === null || Array.isArray(request)) return { id: null, error: 'a line must be a JSON object {"id", "q"}' };
  const { id, q } = request as { id?: unknown; q?: unknown };
  if (typeof id !== 'string' && typeof id !== 'number') return { id: null, error: '"id" must be a string or a number' };
  if (typeof q !== 'string') return { id, error: '"q" must be a string' };
  if (q.length > MAX_QUERY_CHARS) return { id, error: `"q" is longer than ${MAX_QUERY_CHARS} characters` };
  const answer = answerQuery(index, q, limit);
  const since: SinceField = answer.since.length
    ? { since: answer.since.map((f) => ({ id: f.id, date: f.date, text: f.text, label: SINCE_LABEL })) }
    : {};
  if (answer.empty) return { id, empty: true, reason: answer.reason, uncovered: answer.uncovered, ...since };
  return { id, results: answer.results.map(batchResult), ...since };
}
