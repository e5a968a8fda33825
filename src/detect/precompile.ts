/**
 * The detector's matchers (matchers.ts: the trie regexes of forms and cues, and what each
 * matched phrase stands for), built once at build time instead of in every document.
 * Building them folds ~550 forms and cues and assembles the tries: 30–200 ms of one task on a
 * page (issue 8). `serializeMatchers` runs in the build (wxt.config.ts inlines its JSON,
 * see precompiled.ts); `reviveMatchers` only creates the regexes and the lookup maps.
 * tests/detect-precompiled.test.ts checks that a revived detector finds exactly what
 * createDetector finds on every corpus.
 */
import type { Entity } from '../entities/types';
import { CAMPAIGN_CUES, COLLISION_CUES, INTERGOVERNMENTAL_CUES, MIGRATION_CUES, type Cue } from './cues';
import { Matchers, type Scan } from './matchers';
import type { CompiledForm, CueEntry } from './model';

/** The cue lists by group, as matchers.ts names them: cue entries are stored as [group, index] (checked when serialized). */
const CUE_LISTS: Readonly<Record<string, readonly Cue[]>> = { migration: MIGRATION_CUES, intergovernmental: INTERGOVERNMENTAL_CUES, campaign: CAMPAIGN_CUES, ...COLLISION_CUES };

const cueId = (group: string, cue: Cue): string => `${group}:${cue.text}`;

interface SerializedScan {
  lowerCase: boolean;
  bounded: boolean;
  source: string;
  flags: string;
  fallbackFlags: string | null;
  /** Matched phrase → indices into the entry pool. */
  entries: [string, number[]][];
}

/** A compiled form without its entity and form objects, which are referred to by index in the registry. */
type SerializedForm = Omit<CompiledForm, 'entity' | 'form'> & { entity: number; form: number };

export interface SerializedMatchers {
  /** Forms per entity, to check that the registry at run time is the one the build compiled. */
  shape: number[];
  forms: SerializedScan[];
  cues: SerializedScan[];
  formPool: SerializedForm[];
  /** [group, index in CUE_LISTS[group]]. */
  cuePool: [string, number][];
}

function serializeScans<T>(scans: readonly Scan<T>[], pool: T[]): SerializedScan[] {
  const indexOf = new Map<T, number>();
  const index = (entry: T): number => {
    let at = indexOf.get(entry);
    if (at === undefined) {
      at = pool.push(entry) - 1;
      indexOf.set(entry, at);
    }
    return at;
  };
  return scans.map((scan) => ({
    lowerCase: scan.lowerCase,
    bounded: scan.bounded,
    source: scan.regex.source,
    flags: scan.regex.flags,
    fallbackFlags: scan.fallback?.flags ?? null,
    entries: [...scan.entries].map(([key, entries]) => [key, entries.map(index)]),
  }));
}

/** Build time: the matchers for these entities, as JSON. */
export function serializeMatchers(entityList: readonly Entity[]): SerializedMatchers {
  const matchers = new Matchers(entityList);
  const forms: CompiledForm[] = [];
  const cuePool: CueEntry[] = [];
  const serialized = { forms: serializeScans(matchers.forms, forms), cues: serializeScans(matchers.cues, cuePool) };
  const formPool = forms.map(({ entity, form, ...rest }) => {
    const entityAt = entityList.indexOf(entity);
    return { ...rest, entity: entityAt, form: entityList[entityAt].forms.indexOf(form) };
  });
  const cueRefs = cuePool.map((entry): [string, number] => {
    const index = CUE_LISTS[entry.group]?.indexOf(entry.cue) ?? -1;
    if (index < 0 || cueId(entry.group, entry.cue) !== entry.id) throw new Error(`precompile: cue ${entry.id} is not where CUE_LISTS says (update src/detect/precompile.ts with matchers.ts)`);
    return [entry.group, index];
  });
  return { shape: entityList.map((entity) => entity.forms.length), ...serialized, formPool, cuePool: cueRefs };
}

function reviveScans<T>(scans: readonly SerializedScan[], pool: readonly T[]): Scan<T>[] {
  return scans.map((scan) => ({
    lowerCase: scan.lowerCase,
    bounded: scan.bounded,
    regex: new RegExp(scan.source, scan.flags),
    fallback: scan.fallbackFlags === null ? null : new RegExp(scan.source, scan.fallbackFlags),
    entries: new Map(scan.entries.map(([key, indices]) => [key, indices.map((i) => pool[i])])),
  }));
}

/** Run time: matchers from their JSON, over the same registry the build compiled them from. */
export function reviveMatchers(serialized: SerializedMatchers, entityList: readonly Entity[]): Matchers {
  if (serialized.shape.length !== entityList.length || serialized.shape.some((forms, i) => entityList[i].forms.length !== forms)) {
    throw new Error('precompiled matchers were built from another entity registry');
  }
  const formPool: CompiledForm[] = serialized.formPool.map(({ entity, form, ...rest }) => ({ ...rest, entity: entityList[entity], form: entityList[entity].forms[form] }));
  const cuePool: CueEntry[] = serialized.cuePool.map(([group, index]) => ({ id: cueId(group, CUE_LISTS[group][index]), group, cue: CUE_LISTS[group][index] }));
  return { forms: reviveScans(serialized.forms, formPool), cues: reviveScans(serialized.cues, cuePool) };
}
