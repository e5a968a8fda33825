/**
 * What each step of the page pipeline adds to the main-thread time a reader feels, on Node's
 * 5.8 MB page with 552 mentions: one build per step that stops right after it
 * (IOM_LENS_STOP_AFTER, src/page/pipeline-stages.ts) and the full build, each in its own
 * headless Chromium beside one without IOM Lens; fresh tabs in rotating order, TaskDuration
 * on minus off as in page.bench.ts (the bench's own CDP probes taken out). A step's cost is
 * the difference between the build that stops after it and the one that stops before:
 * diagnostics for where to work next, not a benchmark figure (the differences of medians
 * carry the noise of both).
 *
 *   npx tsx bench/stage-costs.ts [--runs N]
 *
 * Builds go to .output-stages/<stage>/ (a few seconds each). Results are printed and written
 * to bench/results/stage-costs.md and .json.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext } from '@playwright/test';
import { findChromium, MISSING_CHROMIUM_MESSAGE, PROJECT_ROOT } from '../e2e/paths';
import { serveFolder } from '../scripts/static-server';
import { PIPELINE_STAGE_STEPS, PIPELINE_STAGES, type PipelineStage } from '../src/page/pipeline-stages';
import { BIG_PAGE_WINDOW_MS, launchChromium, measureLoad } from './lib/browser';
import { DOC_ROOT, ensureDebianDocs } from './lib/debian-docs';
import { buildPages } from './lib/pages';
import { median } from './lib/stats';

const RESULTS_DIR = path.join(import.meta.dirname, 'results');
/** More than the page bench's 5: each step's figure is a difference of two medians. */
const DEFAULT_RUNS = 8;

/** What the full build adds over the one that stops after the last step. */
const FULL_STEP = 'detection (in the background: the text sent, the mentions back), placing, painting';

interface Variant {
  name: PipelineStage | 'full';
  dir: string;
}

function buildVariants(): Variant[] {
  const variants: Variant[] = [];
  for (const name of [...PIPELINE_STAGES, 'full'] as const) {
    const outDir = path.join(PROJECT_ROOT, '.output-stages', name);
    console.log(`Building ${name === 'full' ? 'the full pipeline' : `a pipeline that stops after "${name}"`} → ${path.relative(PROJECT_ROOT, outDir)}/`);
    const env = { ...process.env, IOM_LENS_OUT_DIR: outDir, IOM_LENS_STOP_AFTER: name === 'full' ? '' : name };
    execFileSync('npx', ['wxt', 'build'], { cwd: PROJECT_ROOT, stdio: ['ignore', 'ignore', 'inherit'], env });
    variants.push({ name, dir: path.join(outDir, 'chrome-mv3') });
  }
  return variants;
}

function parseRuns(argv: string[]): number {
  if (argv.length === 0) return DEFAULT_RUNS;
  const runs = Number(argv[1]);
  if (argv[0] !== '--runs' || argv.length !== 2 || !Number.isInteger(runs) || runs < 3) throw new Error('usage: npx tsx bench/stage-costs.ts [--runs N] (N ≥ 3)');
  return runs;
}

async function main(): Promise<void> {
  const runs = parseRuns(process.argv.slice(2));
  ensureDebianDocs(['nodejs-doc', 'python3.11-doc']);
  const pages = buildPages();
  const executablePath = findChromium();
  if (!executablePath) throw new Error(MISSING_CHROMIUM_MESSAGE);
  const variants = buildVariants();
  const server = await serveFolder(DOC_ROOT);
  const url = `${server.origin}/${pages.bigWithMentions}`;
  const configs: { name: string; dir: string | null }[] = [{ name: 'off', dir: null }, ...variants];
  const profiles: string[] = [];
  const contexts: BrowserContext[] = [];
  const samples = configs.map(() => [] as number[]);
  const highlighted = configs.map(() => new Set<number>());
  try {
    for (const config of configs) {
      const profile = mkdtempSync(path.join(tmpdir(), 'iom-lens-stages-'));
      profiles.push(profile);
      const context = await launchChromium(executablePath, profile, config.dir);
      if (config.dir && context.serviceWorkers().length === 0) await context.waitForEvent('serviceworker', { timeout: 30_000 });
      contexts.push(context);
    }
    for (let run = 0; run < runs; run++) {
      // Rotating order, so a busy moment of the machine hits every configuration alike.
      for (let i = 0; i < configs.length; i++) {
        const k = (i + run) % configs.length;
        const sample = await measureLoad(contexts[k], url, { minAfterLoadMs: BIG_PAGE_WINDOW_MS });
        samples[k].push(sample.taskMs - sample.benchCdpMs);
        highlighted[k].add(sample.highlighted);
      }
      console.log(`run ${run + 1}/${runs}: ${configs.map((c, k) => `${c.name} ${samples[k].at(-1)!.toFixed(0)}`).join(', ')} ms`);
    }
  } finally {
    for (const context of contexts) await context.close().catch(() => undefined);
    for (const profile of profiles) rmSync(profile, { recursive: true, force: true });
    await server.close();
  }
  // A build that fails at run time (an exception in the pipeline) would read as a cheap step.
  const full = configs.length - 1;
  if (highlighted[full].has(0)) throw new Error('the full build highlighted nothing in some run: the pipeline is broken, the figures would mean nothing');
  const off = median(samples[0]);
  const offMin = Math.min(...samples[0]);
  const rows = variants.map((variant, i) => {
    const k = i + 1;
    const added = median(samples[k]) - off;
    const before = i === 0 ? 0 : median(samples[k - 1]) - off;
    return { stage: variant.name, step: variant.name === 'full' ? FULL_STEP : PIPELINE_STAGE_STEPS[variant.name], addedMs: added, addedMinMs: Math.min(...samples[k]) - offMin, stepMs: added - before, highlighted: [...highlighted[k]] };
  });
  const table = [
    `# What each step adds: Node's 5.8 MB page with 552 mentions, ${new Date().toISOString()}`,
    '',
    `${runs} fresh tabs per build, TaskDuration with the build minus without IOM Lens (median ${off.toFixed(0)} ms), the bench's CDP probes excluded; "· min" = min with − min without.`,
    '',
    '| build stops after | added (median · min) | this step (difference of medians) | what the step adds | highlighted |',
    '| --- | ---: | ---: | --- | --- |',
    ...rows.map((r) => `| ${r.stage} | ${r.addedMs.toFixed(0)} ms · ${r.addedMinMs.toFixed(0)} ms | ${r.stepMs.toFixed(0)} ms | ${r.step} | ${r.highlighted.join(', ')} |`),
  ].join('\n');
  console.log(`\n${table}`);
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(path.join(RESULTS_DIR, 'stage-costs.md'), `${table}\n`);
  writeFileSync(path.join(RESULTS_DIR, 'stage-costs.json'), JSON.stringify({ runs, offMs: samples[0], configs: configs.map((c, k) => ({ name: c.name, taskMs: samples[k] })), rows }, null, 2));
}

await main();
