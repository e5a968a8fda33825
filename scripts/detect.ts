/**
 * Command-line front of the mention detector (the contract the evaluation relies on):
 *
 *   npm run -s detect -- FILE…     mentions of each file (plain text, or HTML reduced to visible text)
 *   npm run -s detect -- --jsonl   JSON lines {"id","text"} on stdin → one line per input, same order:
 *                                  {"id","mentions":[{"start","end","surface","entity","entityId"}]}
 *                                  or {"id","error"} for a malformed line (id null if unreadable).
 *
 * Options: --programmes=as-iom-work|if-iom-mentioned|always|never (default as-iom-work), --reasons
 * (JSONL: add each mention's reason; off by default to keep the contract's shape).
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { DEFAULT_PROGRAMME_POLICY, createDetector, type Mention, type ProgrammePolicy } from '../src/detect/index';
import { htmlToText, looksLikeHtml } from '../src/detect/html-text';
import { exitQuietlyOnClosedPipe } from './closed-pipe';

const USAGE = `Usage:
  npm run -s detect -- FILE…            print the mentions found in each file (text or HTML)
  npm run -s detect -- --jsonl < IN     JSON lines {"id": …, "text": …} in, one result line out per input
Options:
  --programmes=as-iom-work|if-iom-mentioned|always|never   when programme phrases count (default: as-iom-work)
  --reasons                                    (with --jsonl) include each mention's reason`;

const POLICIES: readonly ProgrammePolicy[] = ['as-iom-work', 'if-iom-mentioned', 'always', 'never'];

interface CliOptions {
  jsonl: boolean;
  reasons: boolean;
  programmePolicy: ProgrammePolicy;
  files: string[];
}

function parseArguments(argv: string[]): CliOptions {
  const options: CliOptions = { jsonl: false, reasons: false, programmePolicy: DEFAULT_PROGRAMME_POLICY, files: [] };
  for (const arg of argv) {
    if (arg === '--jsonl') options.jsonl = true;
    else if (arg === '--reasons') options.reasons = true;
    else if (arg.startsWith('--programmes=')) {
      const value = arg.slice('--programmes='.length) as ProgrammePolicy;
      if (!POLICIES.includes(value)) throw new UsageError(`--programmes must be one of ${POLICIES.join(', ')}`);
      options.programmePolicy = value;
    } else if (arg === '-h' || arg === '--help') {
      console.log(USAGE);
      process.exit(0);
    } else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else options.files.push(arg);
  }
  if (!options.jsonl && options.files.length === 0) throw new UsageError('give at least one FILE, or --jsonl');
  if (options.jsonl && options.files.length > 0) throw new UsageError('--jsonl reads standard input; do not also give files');
  return options;
}

class UsageError extends Error {}

const detector = createDetector();

/** One result line for one input line. Never throws: a bad line gives an error object. */
function processLine(line: string, options: Pick<CliOptions, 'reasons' | 'programmePolicy'>): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (error) {
    return { id: null, error: `line is not valid JSON: ${(error as Error).message}` };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { id: null, error: 'line must be a JSON object {"id": …, "text": …}' };
  }
  const record = parsed as Record<string, unknown>;
  const id = typeof record.id === 'string' || typeof record.id === 'number' ? record.id : null;
  if (id === null) return { id: null, error: '"id" must be a string or number' };
  if (typeof record.text !== 'string') return { id, error: '"text" must be a string' };
  try {
    const mentions = detector.detect(record.text, { programmePolicy: options.programmePolicy });
    return {
      id,
      mentions: mentions.map((m) => {
        const out: Record<string, unknown> = { start: m.start, end: m.end, surface: m.surface, entity: m.kind, entityId: m.entityId };
        if (options.reasons) out.reason = m.reason;
        return out;
      }),
    };
  } catch (error) {
    return { id, error: `detection failed: ${(error as Error).message}` };
  }
}

async function runJsonl(options: CliOptions): Promise<void> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let first = true;
  for await (const raw of lines) {
    // A byte-order mark at the start of the stream is not part of the first JSON object.
    const line = first ? raw.replace(/^\uFEFF/, '') : raw;
    first = false;
    if (line.trim() === '') continue;
    const out = JSON.stringify(processLine(line, options)) + '\n';
    // Respect back-pressure so a large input does not pile up in memory.
    if (!process.stdout.write(out)) await once(process.stdout, 'drain');
  }
}

function contextOf(text: string, mention: Mention, width = 40): string {
  const before = text.slice(Math.max(0, mention.start - width), mention.start).replace(/\s+/g, ' ');
  const after = text.slice(mention.end, mention.end + width).replace(/\s+/g, ' ');
  return `…${before}[${mention.surface.replace(/\s+/g, ' ')}]${after}…`;
}

function runFiles(options: CliOptions): number {
  let failures = 0;
  for (const file of options.files) {
    let content: string;
    try {
      content = readFileSync(file, 'utf8');
    } catch (error) {
      console.error(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
      failures++;
      continue;
    }
    const html = looksLikeHtml(content, file);
    const text = html ? htmlToText(content) : content;
    const mentions = detector.detect(text, { programmePolicy: options.programmePolicy });
    console.log(`== ${file} (${html ? 'HTML, visible text' : 'text'}, ${text.length} chars): ${mentions.length} mention${mentions.length === 1 ? '' : 's'}`);
    for (const mention of mentions) {
      console.log(`  ${String(mention.start).padStart(7)}-${String(mention.end).padEnd(7)} ${mention.kind.padEnd(11)} ${mention.entityId}`);
      console.log(`      "${mention.surface.replace(/\s+/g, ' ')}" — ${mention.reason}`);
      console.log(`      ${contextOf(text, mention)}`);
    }
  }
  return failures;
}

async function main(): Promise<void> {
  let options: CliOptions;
  try {
    options = parseArguments(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`detect: ${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    throw error;
  }
  exitQuietlyOnClosedPipe();
  if (options.jsonl) await runJsonl(options);
  else if (runFiles(options) > 0) process.exitCode = 1;
}

main().catch((error) => {
  console.error(`detect: ${(error as Error).stack ?? error}`);
  process.exit(1);
});
