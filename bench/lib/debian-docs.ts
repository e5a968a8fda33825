/**
 * Real pages no one here wrote: HTML documentation from Debian packages, each made by a
 * different generator. The .deb files are fetched with `apt-get download` and unpacked with
 * `dpkg -x` into bench/.cache/ (git-ignored). They are never installed: installing
 * nodejs-doc would remove Node itself.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const BENCH_CACHE_DIR = path.resolve(import.meta.dirname, '..', '.cache');
const DEB_DIR = path.join(BENCH_CACHE_DIR, 'debs');
/** Where the packages are unpacked; pages are served from its usr/share/doc. */
export const DOC_ROOT = path.join(BENCH_CACHE_DIR, 'root', 'usr', 'share', 'doc');
const APT_TIMEOUT_MS = 300_000;

export interface RealPage {
  /** Debian package and the generator that wrote its HTML. */
  pkg: string;
  generator: string;
  /** Path under DOC_ROOT. */
  file: string;
  /** In the `--quick` set. */
  quick?: boolean;
}

/** The Node.js API docs in one page (5.8 MB), the base of the big-page figures. */
export const NODE_ALL_HTML = 'nodejs/api/all.html';

/** Six pages from five generators: a full run must fit in about 15 minutes on 2 cores. */
export const REAL_PAGES: readonly RealPage[] = [
  { pkg: 'nodejs-doc', generator: 'Node.js doc tool', file: 'nodejs/api/fs.html', quick: true },
  { pkg: 'python3.11-doc', generator: 'Sphinx', file: 'python3.11/html/library/re.html', quick: true },
  { pkg: 'python3.11-doc', generator: 'Sphinx', file: 'python3.11/html/library/stdtypes.html' },
  { pkg: 'debian-handbook', generator: 'Publican (DocBook)', file: 'debian-handbook/html/en-US/apt.html', quick: true },
  { pkg: 'git-doc', generator: 'AsciiDoc', file: 'git-doc/git-config.html' },
  { pkg: 'bash-doc', generator: 'Texinfo (makeinfo)', file: 'bash/bashref.html' },
];

function run(command: string, args: string[], cwd: string): { ok: boolean; output: string } {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: APT_TIMEOUT_MS });
  return { ok: result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}`.trim() };
}

function debOf(pkg: string): string | undefined {
  return readdirSync(DEB_DIR).find((name) => name.startsWith(`${pkg}_`) && name.endsWith('.deb'));
}

/** Downloads and unpacks each package once; later runs reuse bench/.cache/. */
export function ensureDebianDocs(packages: readonly string[]): string {
  mkdirSync(DEB_DIR, { recursive: true });
  const missing = packages.filter((pkg) => !debOf(pkg));
  if (missing.length > 0) {
    console.log(`Fetching ${missing.join(', ')} with apt-get download (not installing them)…`);
    let fetched = run('apt-get', ['download', ...missing], DEB_DIR);
    if (!fetched.ok) {
      // A fresh machine has no package lists yet.
      console.log('apt-get download failed; running apt-get update once and retrying…');
      run('apt-get', ['update'], DEB_DIR);
      fetched = run('apt-get', ['download', ...missing], DEB_DIR);
    }
    if (!fetched.ok) throw new Error(`apt-get download ${missing.join(' ')} failed:\n${fetched.output}`);
  }
  for (const pkg of packages) {
    const deb = debOf(pkg);
    if (!deb) throw new Error(`no .deb for ${pkg} in ${DEB_DIR} after apt-get download`);
    const marker = path.join(BENCH_CACHE_DIR, 'root', `.unpacked-${deb}`);
    if (existsSync(marker)) continue;
    const unpacked = run('dpkg', ['-x', path.join(DEB_DIR, deb), path.join(BENCH_CACHE_DIR, 'root')], DEB_DIR);
    if (!unpacked.ok) throw new Error(`dpkg -x ${deb} failed:\n${unpacked.output}`);
    writeFileSync(marker, '');
  }
  return DOC_ROOT;
}
