/** One event of a Chrome trace (CDP `Tracing`, JSON format), as the trace readers in bench/ and scripts/ use it. */
export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread time, µs: what the thread itself spent (the machine is shared, so wall time overstates it). */
  tdur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: { name?: string; data?: Record<string, unknown> & { url?: string; frame?: string; functionName?: string }; [key: string]: unknown };
}
