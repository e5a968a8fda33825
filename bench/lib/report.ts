/** The bench's figures and how they are written out (JSON for tools, a Markdown table for people). */

export interface Spread {
  median: number;
  min: number;
}

export interface Figure {
  section: string;
  what: string;
  unit: string;
  /** IOM Lens's figure (median and minimum over runs). */
  value: Spread;
  baseline?: { what: string; unit: string; value: Spread };
  /** value ÷ baseline, as a multiple (×) or a share (%). */
  ratio?: Spread & { unit: '×' | '%' };
  target?: string;
  /** Whether the target is met, judged on the median; undefined when there is no target. */
  met?: boolean;
}

const number = (n: number, unit: string): string => {
  if (!Number.isFinite(n)) return '–';
  if (unit === '×') return `${n.toFixed(Math.abs(n) < 10 ? 2 : 1)}×`;
  if (unit === '%') return `${(n * 100).toFixed(1)}%`;
  const digits = Math.abs(n) < 1 ? 3 : Math.abs(n) < 100 ? 1 : 0;
  return `${n.toFixed(digits)}${unit ? ` ${unit}` : ''}`;
};

const spread = (s: Spread, unit: string): string =>
  s.median === s.min ? number(s.median, unit) : `${number(s.median, unit)} · ${number(s.min, unit)}`;

export function markdownTable(figures: readonly Figure[]): string {
  const rows = ['| section | figure | IOM Lens (median · min) | baseline (median · min) | ratio | target | met |', '| --- | --- | --- | --- | --- | --- | --- |'];
  for (const f of figures) {
    const baseline = f.baseline ? `${f.baseline.what}: ${spread(f.baseline.value, f.baseline.unit)}` : '';
    const ratio = f.ratio ? spread(f.ratio, f.ratio.unit) : '';
    const met = f.met === undefined ? '' : f.met ? 'yes' : '**no**';
    rows.push(`| ${f.section} | ${f.what} | ${spread(f.value, f.unit)} | ${baseline} | ${ratio} | ${f.target ?? ''} | ${met} |`);
  }
  return rows.join('\n');
}
