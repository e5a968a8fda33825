import type { EntityKind } from '../entities/types';
import type { ProgrammePolicy } from '../detect/types';

export type HighlightStyle = 'underline' | 'background' | 'outline';
export type Density = 'every' | 'first-per-entity';
export type Theme = 'system' | 'light' | 'dark';

/** Everything a page needs to know to behave: the global settings with the site's overrides applied. */
export interface EffectiveSettings {
  enabled: boolean;
  kinds: Record<EntityKind, boolean>;
  programmePolicy: ProgrammePolicy;
  highlightStyle: HighlightStyle;
  density: Density;
  openDelayMs: number;
  theme: Theme;
  /** Chrome: PDFs open in IOM Lens's reader (the PDF handler) instead of the browser's viewer. */
  pdfReader: boolean;
}
