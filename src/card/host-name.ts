/** The card's custom element: tests and `npm start` find the card by it. */
export const CARD_HOST_NAME = 'iom-lens-card';

/** Marks the extension's own UI hosts (the card, the PDF reader's controls); the page pipeline never reads or watches them. */
export const OWN_UI_ATTRIBUTE = 'data-iom-lens-ui';
