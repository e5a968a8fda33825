// Plain JavaScript: node's test runner loads reporters before any TypeScript loader is registered.

/**
 * Ends the Firefox suite's output with one line that says how it went, after the spec reporter's
 * detail: "Firefox ESR suite: 18 passed, 0 failed, 0 skipped in 71.2 s". Tests are counted, not suites; when
 * a suite's setup fails (no Firefox, a broken build) each of its tests is reported failed.
 * @param {AsyncIterable<import('node:test/reporters').TestEvent>} source
 */
export default async function* summaryReporter(source) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const started = Date.now();
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { data } = event;
    if (data.details.type === 'suite') continue;
    if (data.skip || data.todo) skipped++;
    else if (event.type === 'test:pass') passed++;
    else failed++;
  }
  yield `\nFirefox ESR suite: ${passed} passed, ${failed} failed, ${skipped} skipped in ${((Date.now() - started) / 1000).toFixed(1)} s\n`;
}
