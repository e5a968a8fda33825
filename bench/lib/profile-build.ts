/** What the profiling diagnostics (profile-pipeline.ts, profile-gate.ts) share: the unminified build, its source maps, the CPU profile's shape. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import { PROJECT_ROOT } from '../../e2e/paths';

export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

/** CDP `Profiler.stop`'s profile. */
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
}

/** Builds IOM Lens unminified with source maps (IOM_LENS_PROFILE_BUILD=1, see wxt.config.ts) into .output-profile/; returns the Chromium build's folder. */
export function buildProfileExtension(): string {
  const outDir = path.join(PROJECT_ROOT, '.output-profile');
  console.log('Building an unminified extension with source maps (→ .output-profile/)…');
  execFileSync('npx', ['wxt', 'build'], { cwd: PROJECT_ROOT, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, IOM_LENS_OUT_DIR: outDir, IOM_LENS_PROFILE_BUILD: '1' } });
  return path.join(outDir, 'chrome-mv3');
}

/** Source files of an unminified build's scripts, from their source maps; each map read once. */
export class SourceMaps {
  private readonly maps = new Map<string, TraceMap | null>();
  constructor(private readonly extensionDir: string) {}

  /** The source file of a generated position (0-based line, as CPU profiles give it); the script's own path without a map. */
  source(url: string, line: number, column: number): string {
    const file = new URL(url).pathname;
    let map = this.maps.get(file);
    if (map === undefined) {
      try {
        map = new TraceMap(readFileSync(path.join(this.extensionDir, `${file}.map`), 'utf8'));
      } catch {
        map = null;
      }
      this.maps.set(file, map);
    }
    if (!map) return file;
    return originalPositionFor(map, { line: line + 1, column }).source ?? file;
  }
}
