/**
 * Kept for src/card/card-host.tsx and src/pdf/page-bridge.ts, which import the own-UI
 * marker from here; the pipeline's own modules import ./elements directly.
 */
export { OWN_UI_ATTRIBUTE } from './elements';
