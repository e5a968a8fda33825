/** The card's custom element: tests and `npm start` find the card by it. */
export const CARD_HOST_NAME = 'iom-lens-card';
