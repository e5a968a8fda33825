/** Shared shapes of the detection pipeline: compiled forms, candidates, context hits, page evidence. */
import type { Entity, SurfaceForm } from '../entities/types';
import type { FoldedText } from './normalize';
import type { Cue } from './cues';
import type { FormRule } from './rules';

export interface CompiledForm {
  entity: Entity;
  form: SurfaceForm;
  rule: FormRule | undefined;
  /** Words after this form that show it names something else ("UN Migration Compact"). */
  brandingGuards: readonly string[] | undefined;
  /** The reason shown for a plain match, computed once. */
  baseReason: string;
}

export interface Candidate {
  /** Folded offsets. */
  fs: number;
  fe: number;
  compiled: CompiledForm;
}

export interface CueEntry {
  id: string;
  group: string;
  cue: Cue;
}

export interface CueHit {
  at: number;
  end: number;
  entry: CueEntry;
}

export const WORD_CHAR = /[\p{L}\p{N}_]/u;

export interface Definition {
  at: number;
  own: boolean;
  longForm: string;
}

export interface PageEvidence {
  text: string;
  folded: FoldedText;
  candidates: Candidate[];
  hits: CueHit[];
  years: { at: number; year: number }[];
  /** Entity ids named on the page by an unambiguous form. */
  namedUnambiguously: Set<string>;
  definitions: Map<string, Definition[]>;
  /** Keyed by the (constant) group list. */
  pageScores: Map<readonly string[], ContextScore>;
}

export interface ContextScore {
  weight: number;
  /** The first two distinct cues found, for the reason text (turned into words only when shown). */
  hits: CueHit[];
}

export interface Verdict {
  accept: boolean;
  reason: string;
}
