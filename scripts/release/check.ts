/**
 * `npm run release:check`: everything a release needs, in one command. Stops at the first failure.
 *
 * 1. Builds and zips both browsers: `wxt zip` (Chrome MV3) and `wxt zip -b firefox` (Firefox MV2, with the
 *    sources zip AMO reviewers rebuild from).
 * 2. Checks the built manifests' names and descriptions, every locale, against the stores' limits and
 *    disclaimers (store-rules.ts), and the Firefox manifest's gecko settings.
 * 3. Runs `web-ext lint` on the Firefox package: 0 errors; every warning must be one explained below.
 * 4. Rebuilds the Firefox package from the sources zip alone, in an empty folder (`npm ci`, `npm run
 *    zip:firefox`), and checks it is byte-identical to the one built here (`--no-rebuild` skips this; it
 *    needs the npm registry and a minute).
 * 5. Prints the packages and their sizes.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { storeProblems } from './store-rules';

const ROOT = path.resolve(import.meta.dirname, '../..');
const OUTPUT = path.join(ROOT, '.output');
const { name, version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
const PACKAGES = {
  chrome: path.join(OUTPUT, `${name}-${version}-chrome.zip`),
  firefox: path.join(OUTPUT, `${name}-${version}-firefox.zip`),
  sources: path.join(OUTPUT, `${name}-${version}-sources.zip`),
};
const GECKO = {
  id: 'iom-lens@iom-lens.invalid',
  strict_min_version: '142.0',
  data_collection_permissions: { required: ['none'] },
};

/**
 * Lint warnings we know and accept, each with its reason. A warning not listed here fails the check:
 * explain it here (or fix it) before releasing.
 */
const EXPLAINED_WARNINGS: { code: string; file: RegExp; why: string; stillHolds: () => boolean }[] = [
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    file: /^(chunks\/[\w-]+\.js|content-scripts\/content\.js)$/,
    why: "Preact's renderer assigns innerHTML only for the dangerouslySetInnerHTML prop, which IOM Lens never uses (no source file mentions it); every text is rendered as text nodes.",
    stillHolds: () => !sourceFilesMention('dangerouslySetInnerHTML'),
  },
];

/** Whether any file of the extension's own code (entrypoints/, src/) contains `text`. */
function sourceFilesMention(text: string): boolean {
  const search = (dir: string): boolean =>
    readdirSync(dir, { withFileTypes: true }).some((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? search(full) : readFileSync(full, 'utf8').includes(text);
    });
  return search(path.join(ROOT, 'entrypoints')) || search(path.join(ROOT, 'src'));
}

const failures: string[] = [];
const fail = (message: string) => failures.push(message);

function step(title: string): void {
  console.log(`\n▶ ${title}`);
}

function run(command: string, args: string[], cwd = ROOT): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
}

const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function folderSize(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((sum, entry) => {
    const full = path.join(dir, entry.name);
    return sum + (entry.isDirectory() ? folderSize(full) : statSync(full).size);
  }, 0);
}

type Messages = Record<string, { message: string }>;

/** The manifest's strings resolved in every locale of the build, checked against the store rules. */
function checkBuiltManifest(buildDir: string): Record<string, unknown> {
  const manifest = JSON.parse(readFileSync(path.join(buildDir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  const localesDir = path.join(buildDir, '_locales');
  for (const locale of readdirSync(localesDir)) {
    const messages = JSON.parse(readFileSync(path.join(localesDir, locale, 'messages.json'), 'utf8')) as Messages;
    const resolve = (value: unknown) => {
      const key = /^__MSG_(\w+)__$/.exec(String(value))?.[1];
      return key ? (messages[key]?.message ?? '') : String(value);
    };
    const problems = storeProblems({
      locale,
      name: resolve(manifest.name),
      shortName: manifest.short_name === undefined ? undefined : resolve(manifest.short_name),
      description: resolve(manifest.description),
    });
    for (const p of problems) fail(`${path.basename(buildDir)}: ${p}`);
    if (problems.length === 0) console.log(`  ${path.basename(buildDir)} ${locale}: "${resolve(manifest.name)}", description ${[...resolve(manifest.description)].length} characters`);
  }
  return manifest;
}

async function rebuildFromSources(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'iom-lens-sources-'));
  try {
    const zip = await JSZip.loadAsync(readFileSync(PACKAGES.sources));
    for (const entry of Object.values(zip.files)) {
      const target = path.join(dir, entry.name);
      if (!target.startsWith(dir + path.sep)) throw new Error(`sources zip entry escapes its folder: ${entry.name}`);
      if (entry.dir) continue;
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, await entry.async('nodebuffer'));
    }
    console.log(`  unpacked ${Object.keys(zip.files).length} entries into an empty folder; npm ci…`);
    run('npm', ['ci', '--no-audit', '--no-fund'], dir);
    console.log('  npm run zip:firefox…');
    run('npm', ['run', 'zip:firefox'], dir);
    const rebuilt = path.join(dir, '.output', path.basename(PACKAGES.firefox));
    if (sha256(rebuilt) === sha256(PACKAGES.firefox)) console.log(`  identical: sha256 ${sha256(rebuilt)}`);
    else fail(`the package rebuilt from the sources zip differs from ${path.basename(PACKAGES.firefox)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface LintMessage {
  code: string;
  file?: string;
  message: string;
}

async function main(): Promise<void> {
  step('Build and zip: Chrome MV3, Firefox MV2 with its sources zip');
  rmSync(OUTPUT, { recursive: true, force: true });
  run('npx', ['wxt', 'zip']);
  run('npx', ['wxt', 'zip', '-b', 'firefox']);
  for (const file of Object.values(PACKAGES)) statSync(file); // throws when a package is missing

  step('Store limits and disclaimers in the built manifests');
  checkBuiltManifest(path.join(OUTPUT, 'chrome-mv3'));
  const firefox = checkBuiltManifest(path.join(OUTPUT, 'firefox-mv2')) as { browser_specific_settings?: { gecko?: unknown } };
  if (JSON.stringify(firefox.browser_specific_settings?.gecko) !== JSON.stringify(GECKO)) {
    fail(`firefox-mv2: gecko settings changed: ${JSON.stringify(firefox.browser_specific_settings?.gecko)}`);
  }

  step('web-ext lint (Firefox package)');
  let lintOutput: string;
  try {
    lintOutput = run('npx', ['web-ext', 'lint', '--source-dir', path.join(OUTPUT, 'firefox-mv2'), '--output', 'json']);
  } catch (error) {
    // web-ext exits non-zero when there are errors; its JSON report is still on stdout.
    lintOutput = String((error as { stdout?: string }).stdout ?? '');
  }
  const lint = JSON.parse(lintOutput) as { summary: Record<string, number>; errors: LintMessage[]; warnings: LintMessage[] };
  console.log(`  ${lint.summary.errors} errors, ${lint.summary.warnings} warnings, ${lint.summary.notices} notices`);
  for (const e of lint.errors) fail(`lint error ${e.code} in ${e.file}: ${e.message}`);
  for (const w of lint.warnings) {
    const known = EXPLAINED_WARNINGS.find((k) => k.code === w.code && k.file.test(w.file ?? ''));
    if (known && !known.stillHolds()) fail(`lint warning ${w.code} in ${w.file}: its explanation no longer holds: ${known.why}`);
    else if (known) console.log(`  warning ${w.code} in ${w.file}: explained: ${known.why}`);
    else fail(`unexplained lint warning ${w.code} in ${w.file}: ${w.message} (fix it, or explain it in scripts/release/check.ts)`);
  }

  if (process.argv.includes('--no-rebuild')) {
    step('Rebuild from the sources zip: skipped (--no-rebuild)');
  } else {
    step('Rebuild the Firefox package from the sources zip alone');
    await rebuildFromSources();
  }

  step('Packages');
  for (const [label, file] of Object.entries(PACKAGES)) {
    console.log(`  ${label.padEnd(8)} ${path.relative(ROOT, file).padEnd(40)} ${kB(statSync(file).size).padStart(10)}`);
  }
  for (const build of ['chrome-mv3', 'firefox-mv2']) {
    console.log(`  unpacked ${`.output/${build}/`.padEnd(40)} ${kB(folderSize(path.join(OUTPUT, build))).padStart(10)}`);
  }

  if (failures.length > 0) {
    console.error(`\n✖ release check failed:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
    process.exit(1);
  }
  console.log('\n✔ release check passed: upload the Chrome zip to the Chrome Web Store, the Firefox zip and the sources zip to AMO (docs/store-listing.md).');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
