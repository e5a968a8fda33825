import { describe, expect, it } from 'vitest';
import { contentStateFromFailure, contentStateFromReply } from '../src/card/content-state';

const content = {
  entityId: 'icem',
  sectionPath: 'History',
  sectionId: 'history',
  summary: 'IOM was founded in 1951.',
  paragraphs: [],
  references: [],
  facts: [],
  attribution: 'From World Heritage Encyclopedia',
  licenceUrl: '',
};

describe("the card's state from the background's answer", () => {
  it('shows the article part when the answer is one', () => {
    expect(contentStateFromReply(content)).toEqual({ state: 'ready', content });
  });

  it("says why when the background answers {error}, nothing, or something that isn't an article part", () => {
    expect(contentStateFromReply({ error: 'unknown entity "x"' })).toEqual({ state: 'error', message: 'unknown entity "x"' });
    expect(contentStateFromReply({ error: '' })).toEqual({ state: 'error', message: 'unknown error' });
    expect(contentStateFromReply(undefined)).toEqual({ state: 'error', message: 'the extension gave no answer' });
    expect(contentStateFromReply('text')).toEqual({ state: 'error', message: 'the extension gave no answer' });
    expect(contentStateFromReply({ summary: 'half an answer' })).toEqual({ state: 'error', message: 'the answer has no article section' });
  });

  it('turns a failed message into an error with its reason', () => {
    expect(contentStateFromFailure(new Error('Could not establish connection. Receiving end does not exist.'))).toEqual({
      state: 'error',
      message: 'Could not establish connection. Receiving end does not exist.',
    });
    expect(contentStateFromFailure('gone')).toEqual({ state: 'error', message: 'gone' });
  });
});
