import { test, expect } from './fixtures';

/** Where the screenshots of the popup answering go (ignored by git, like Playwright's other output). */
const SHOT_DIR = 'test-results/search';

test.describe('popup search answers questions', () => {
  test('a French question: the answering fact first, its answer marked', async ({ openExtensionPage }) => {
    const popup = await openExtensionPage(`popup.html?q=${encodeURIComponent('où se trouve le siège de l’OIM')}`);
    await popup.setViewportSize({ width: 400, height: 560 });
    const first = popup.getByTestId('search-result').first();
    await expect(first.getByTestId('result-path')).toHaveText('Key facts');
    await expect(first).toContainText('Headquarters: Geneva, Switzerland');
    expect(await first.locator('mark').allTextContents()).toContain('Geneva, Switzerland');
    await popup.screenshot({ path: `${SHOT_DIR}/popup-french-question.png` });
  });

  test('a Spanish question: the answer, and the facts since the article apart and labelled', async ({ openExtensionPage }) => {
    const popup = await openExtensionPage(`popup.html?q=${encodeURIComponent('¿quién es el director general de la OIM?')}`);
    await popup.setViewportSize({ width: 400, height: 640 });
    const first = popup.getByTestId('search-result').first();
    await expect(first).toContainText('Director General: William Lacy Swing');
    const since = popup.getByTestId('search-since');
    await expect(since).toContainText('Since the article (after 2014)');
    await expect(since).toContainText('Amy Pope');
    await expect(since).toContainText('Source:');
    await popup.screenshot({ path: `${SHOT_DIR}/popup-spanish-question.png`, fullPage: true });
  });

  test('an off-topic query: the article does not cover it, and what it covers opens a section', async ({ openExtensionPage }) => {
    const popup = await openExtensionPage(`popup.html?q=${encodeURIComponent('Isle of Man tax')}`);
    await popup.setViewportSize({ width: 400, height: 560 });
    const empty = popup.getByTestId('empty-state');
    await expect(empty).toHaveAttribute('data-reason', 'not-covered');
    await expect(empty).toContainText('does not cover this');
    await expect(empty).toContainText('Not in the article: isle, tax');
    await expect(popup.getByTestId('search-result')).toHaveCount(0);
    await popup.screenshot({ path: `${SHOT_DIR}/popup-off-topic.png` });
    await popup.getByTestId('covered-section').filter({ hasText: 'History' }).click();
    await expect(popup.getByTestId('section-title')).toHaveText('History');
  });
});
