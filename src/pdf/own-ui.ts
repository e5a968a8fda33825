import { OWN_UI_ATTRIBUTE } from '../card/host-name';

/**
 * The pipeline neither scans nor watches this element (pdf.js's own text layer, used by
 * find-in-document: the pipeline reads the reader's layers instead, text-layers.ts). Apart
 * from page-bridge.ts so the reader's first chunk does not load the pipeline.
 */
export function hideFromPipeline(element: Element): void {
  element.setAttribute(OWN_UI_ATTRIBUTE, '');
}
