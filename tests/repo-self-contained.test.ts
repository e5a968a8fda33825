import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * A clone with nothing beside it must pass the tests, so no tracked file may point outside the repository.
 *
 * What counts as "outside" (described in words: this file must not contain what it looks for):
 * - a relative path that climbs out of the repository from the file's own folder (two levels up from `tests/`);
 * - a path naming the sibling `shared` folder the project was first developed next to, however it is joined
 *   (one level up from the repository root, resolved from `tests/`, stays inside, so it is matched by name);
 * - an absolute path into a machine's own folders: the home, root, Users, work, mnt and media folders at the
 *   top of the file system, and a Windows drive's Users folder.
 *
 * Not outside: system programs the README installs (`/usr/bin/chromium`), the system's scratch folder
 * (`/tmp`, created at run time and needing nothing put there beforehand), `file:` URLs in test inputs and
 * URLs in general (their path follows a host, not a slash at a word boundary).
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const MACHINE_FOLDER = /(?<![\w.:/~-])(?:\/(?:home|root|Users|work|mnt|media)\/|[A-Za-z]:\\Users\\)[^\s'"`)\]]*/g;
const SHARED_SIBLING = /\.\.[/\\]shared\b[^\s'"`)\]]*/g;
const CLIMBING_PATH = /(?<![\w.])(?:\.\.\/)+[\w.@-][^\s'"`)\]]*/g;

interface OutsideReference {
  line: number;
  text: string;
  why: string;
}

/** Every reference to a path outside the repository in `content`, the text of the file at `relativeFile`. */
function outsideReferences(relativeFile: string, content: string): OutsideReference[] {
  const found: OutsideReference[] = [];
  const fileDir = path.posix.dirname(relativeFile);
  content.split('\n').forEach((lineText, index) => {
    const line = index + 1;
    for (const m of lineText.matchAll(MACHINE_FOLDER)) found.push({ line, text: m[0], why: 'absolute path on a machine' });
    for (const m of lineText.matchAll(SHARED_SIBLING)) found.push({ line, text: m[0], why: 'the shared/ folder beside the clone' });
    for (const m of lineText.matchAll(CLIMBING_PATH)) {
      const resolved = path.posix.normalize(path.posix.join(fileDir, m[0]));
      if (resolved === '..' || resolved.startsWith('../')) {
        found.push({ line, text: m[0], why: `climbs out of the repository from ${fileDir}/` });
      }
    }
  });
  return found;
}

function trackedFiles(): string[] | undefined {
  try {
    return execFileSync('git', ['ls-files', '-z'], { cwd: repoRoot, encoding: 'utf8' }).split('\0').filter(Boolean);
  } catch {
    return undefined; // not a git checkout (an unpacked sources zip): nothing says which files are tracked
  }
}

const tracked = trackedFiles();

describe('the repository is self-contained', () => {
  it.skipIf(tracked === undefined)('no tracked file refers to a path outside the repository', () => {
    const offenders: string[] = [];
    for (const file of tracked!) {
      const bytes = readFileSync(path.join(repoRoot, file));
      if (bytes.includes(0)) continue; // binary (icons, screenshots)
      for (const r of outsideReferences(file, bytes.toString('utf8'))) {
        offenders.push(`${file}:${r.line}: ${r.text} (${r.why})`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it.skipIf(tracked === undefined)('tracks the source article the tests read', () => {
    expect(tracked).toContain(
      'data/source/international-organization-for-migration.WHEBN0000036893.txt',
    );
  });
});

describe('outsideReferences', () => {
  // The samples are joined from pieces so this file does not itself contain what it looks for.
  const up = '..' + '/';
  it('finds the shared sibling however it is joined', () => {
    expect(outsideReferences('tests/a.ts', `path.resolve(root, '${up}shared/seed/x.txt')`).map((r) => r.text)).toEqual([
      `${up}shared/seed/x.txt`,
    ]);
  });

  it('finds absolute paths into home and work folders', () => {
    const work = '/work' + '/shared/seed/x.txt';
    const home = '/home' + '/me/x';
    const windows = 'C:' + '\\Users\\me';
    const text = `(\`${work}\`) and ${home} and ${windows}`;
    expect(outsideReferences('README.md', text).map((r) => r.text)).toEqual([work, home, windows]);
  });

  it('finds relative paths that climb out, and only those', () => {
    expect(outsideReferences('tests/a.ts', `import x from '${up}${up}elsewhere/x'`)).toHaveLength(1);
    expect(outsideReferences('tests/a.ts', `import x from '${up}src/x'`)).toEqual([]);
    expect(outsideReferences('entrypoints/content/index.ts', `from '${up}${up}src/detect/index'`)).toEqual([]);
    expect(outsideReferences('package.json', `"x": "${up}other-repo"`)).toHaveLength(1);
  });

  it('leaves URLs, system programs and the scratch folder alone', () => {
    const text = [
      'https://example.org/home/page',
      'http://127.0.0.1:5173/wo' + 'rk/x',
      'file:///tmp/a.html',
      '/usr/bin/chromium',
      "'/tmp/nodejs-doc'",
      'src/home/x.ts',
    ].join(' ');
    expect(outsideReferences('README.md', text)).toEqual([]);
  });
});
