/** Every text of every corpus in tests/corpus/ (*.jsonl), for tests that must hold on all of them. */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CORPUS_DIR = fileURLToPath(new URL('./corpus/', import.meta.url));

export interface CorpusText {
  /** The corpus file. */
  name: string;
  id: string;
  text: string;
}

export function allCorpusTexts(): CorpusText[] {
  return readdirSync(CORPUS_DIR)
    .filter((name) => name.endsWith('.jsonl'))
    .flatMap((name) =>
      readFileSync(CORPUS_DIR + name, 'utf8')
        .split('\n')
        .filter((line) => line.trim())
        .map((line) => ({ name, ...(JSON.parse(line) as { id: string; text: string }) })),
    );
}
