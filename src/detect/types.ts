import type { EntityKind } from '../entities/types';

/** One accepted mention. Offsets are UTF-16 indices into the text given to detect(). */
export interface Mention {
  start: number;
  end: number;
  surface: string;
  entityId: string;
  kind: EntityKind;
  /** Short human reason shown on the card, e.g. "Former name of IOM, 1952–1980". */
  reason: string;
}

/**
 * When programme phrases ("labour migration") count: only where the text presents them as IOM's
 * work (IOM their agent or owner nearby: the default), on any page that mentions IOM, always, or never.
 */
export type ProgrammePolicy = 'as-iom-work' | 'if-iom-mentioned' | 'always' | 'never';

export const DEFAULT_PROGRAMME_POLICY: ProgrammePolicy = 'as-iom-work';

export interface DetectOptions {
  programmePolicy?: ProgrammePolicy;
  /** Kinds to return; all kinds when omitted. */
  kinds?: readonly EntityKind[];
  /**
   * Entity ids already established elsewhere on the same page (e.g. accepted in earlier chunks
   * when a page is read in parts). They count as if named in full in this text: "IOM" in a late
   * chunk is read in the light of "International Organization for Migration" in an early one.
   */
  knownEntityIds?: readonly string[];
}
