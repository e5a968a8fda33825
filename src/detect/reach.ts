/**
 * How far from a form the detector reads to decide it, from its own window constants: what
 * text read in parts of a page (the page pipeline's candidate blocks, candidate-blocks.ts
 * CONTEXT_CHARS; an edit's window, page-scanner.ts) must hold around each candidate for the
 * detector to decide it as it would on the whole page. tests/detect-reach.test.ts pins these
 * figures to the detector's behaviour, so widening a window here widens the context there.
 *
 * In folded characters (normalize.ts; the sentence spans in original ones). Folding never
 * lengthens text, so a reach in folded characters spans at least as many original ones: text
 * that folds shorter (runs of white space, marks, invisible characters) lets a window reach
 * further in the original text than these figures say.
 *
 * Not local, whatever the context: what the detector takes from the whole of the text it is
 * given (entities named unambiguously, the definition that governs an acronym from afar, far
 * counter-evidence and a page full of migration words in the page-wide scores, a word written
 * in lower case elsewhere, a list of programme areas on a page that names IOM). The page
 * pipeline carries the first across its parts (DetectOptions.knownEntityIds); the rest is seen
 * only as far as the text read.
 */
import { ADDRESS_REACH_CHARS, ERA_WINDOW_CHARS, EVIDENCE_WINDOW_CHARS, SENTENCE_MAX_CHARS } from './evidence';
import { HEADING_IOM_WINDOW_CHARS, PARAGRAPH_REACH_CHARS, SENTENCE_REACH_CHARS } from './programmes';

/** No form or context word matches more folded characters than this (a hyphen in a trie matches up to two). */
export const MATCH_MAX_CHARS = 100;
/** No programme phrase matches more folded characters than this. */
export const PROGRAMME_MATCH_MAX_CHARS = 64;
/** A year ("1956") and the character after it that shows it is not part of a longer number. */
const YEAR_MATCH_CHARS = 5;
/** The character past a window's end that a word boundary or an address's delimiter is read from. */
const BOUNDARY_CHARS = 1;

/**
 * Each side of a form that is not a programme phrase, the farthest text its decision reads:
 * context words and other forms within EVIDENCE_WINDOW_CHARS (a word starting inside the
 * window is read whole), a year within ERA_WINDOW_CHARS, the address or slug around it, its
 * sentence and the one before it (IOM named in full just before). Every other window
 * (40–120 characters: code, company names, next words, titles, definitions' long forms) is
 * shorter.
 */
const DECISION_REACH_CHARS =
  Math.max(EVIDENCE_WINDOW_CHARS + MATCH_MAX_CHARS, ERA_WINDOW_CHARS + YEAR_MATCH_CHARS, ADDRESS_REACH_CHARS, 2 * SENTENCE_MAX_CHARS) + BOUNDARY_CHARS;

/** Before a programme phrase, the farthest its decision reads: the paragraph that opens with IOM (rule 9), its sentence, an address. */
const PROGRAMME_REACH_BEFORE_CHARS = Math.max(PARAGRAPH_REACH_CHARS, SENTENCE_REACH_CHARS, ADDRESS_REACH_CHARS) + BOUNDARY_CHARS;
/** After a programme phrase: its sentence, an address. */
const PROGRAMME_REACH_AFTER_CHARS = Math.max(SENTENCE_REACH_CHARS, ADDRESS_REACH_CHARS) + BOUNDARY_CHARS;

/**
 * The farthest one form's decision leans on another form (a candidate too): a programme
 * phrase up to PARAGRAPH_REACH_CHARS into a paragraph that opens with IOM (rule 9), a heading
 * up to HEADING_IOM_WINDOW_CHARS before IOM (rule 8). Bare surnames and acronyms lean on
 * forms anywhere in the text read, which carry their own context.
 */
export const LEAN_REACH_CHARS = Math.max(PARAGRAPH_REACH_CHARS, HEADING_IOM_WINDOW_CHARS + PROGRAMME_MATCH_MAX_CHARS) + MATCH_MAX_CHARS;

/**
 * Text each side of a candidate that holds everything the detector decides it from locally.
 * Every form is a candidate in the page pipeline (the gate hands over every form it finds,
 * and the pipeline's own prefilter looks for every form), so each mention carries its own
 * reach; where one form leans on another (LEAN_REACH_CHARS), the two candidates' contexts
 * meet as long as LEAN_REACH_CHARS is at most twice this (tests/detect-reach.test.ts), and
 * the text between them is read.
 */
export const CONTEXT_REACH_CHARS = Math.max(DECISION_REACH_CHARS, PROGRAMME_REACH_BEFORE_CHARS, PROGRAMME_REACH_AFTER_CHARS);

/**
 * The farthest an edit moves a decision: within an IOM form's own reach the edit can change
 * that form's verdict, and with it the verdict of a programme phrase the form makes IOM's work
 * (at most PARAGRAPH_REACH_CHARS after it or HEADING_IOM_WINDOW_CHARS before it). Also the text
 * a decision leans on when the form it leans on carries no context of its own (an edit's window
 * in one huge block, page-scanner.ts).
 */
export const CHANGE_REACH_CHARS =
  DECISION_REACH_CHARS + Math.max(PARAGRAPH_REACH_CHARS, HEADING_IOM_WINDOW_CHARS + PROGRAMME_MATCH_MAX_CHARS) + MATCH_MAX_CHARS;
