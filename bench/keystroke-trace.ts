/**
 * What one keystroke costs the page, read from a Chromium trace: the page marks each keydown
 * (`performance.mark('hm-key')`), and every task the renderer's main thread runs from the task
 * holding that mark until the task holding the next one is the keystroke's work — the key events,
 * our handlers, the engine, the browser's editing, the frame's style, layout, paint and
 * layerisation, and what autofill or the scheduler runs after them.
 *
 * Why not time it in the page: a task posted from the `input` handler runs only once Chromium's
 * scheduler lets it, after one to several frames, so in-page timers measured the scheduler (a bare
 * `<input>` gave p95 55 ms). The trace gives each task's wall time and the thread's CPU time.
 */

interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
}

export const KEY_MARK = 'hm-key';

export interface KeystrokeCost {
  /** Wall time of the main thread's tasks for the keystroke (ms): the work, not the idle gaps between. */
  busyMs: number;
  /** The main thread's CPU time in those tasks (ms): what the machine's load does not stretch. */
  cpuMs: number;
  /** From the start of the keydown's task to the end of the last frame drawn for it (ms), idle gaps included. */
  frameMs: number;
}

const TASK = 'ThreadControllerImpl::RunTask';
const FRAME_SOURCE = 'ScheduledActionSendBeginMainFrame';

/** One cost per marked keystroke but the last (whose window the trace's end would cut short). */
export function keystrokeCosts(trace: { traceEvents: Array<TraceEvent & { args?: { src_func?: string } }> }): KeystrokeCost[] {
  const marks = trace.traceEvents.filter((e) => e.name === KEY_MARK).sort((a, b) => a.ts - b.ts);
  if (marks.length < 2) throw new Error(`trace: ${marks.length} frappe(s) marquée(s), il en faut au moins 2`);
  const { pid, tid } = marks[0];
  // Top-level tasks of the page's main thread: nested RunTask events (nested loops) are inside one.
  const tasks: typeof trace.traceEvents = [];
  let end = -Infinity;
  for (const e of trace.traceEvents
    .filter((x) => x.pid === pid && x.tid === tid && x.name === TASK && x.ph === 'X')
    .sort((a, b) => a.ts - b.ts)) {
    if (e.ts < end) continue;
    tasks.push(e);
    end = e.ts + (e.dur ?? 0);
  }
  const taskOf = (ts: number) => {
    const i = tasks.findIndex((t) => t.ts <= ts && ts <= t.ts + (t.dur ?? 0));
    if (i < 0) throw new Error(`trace: aucune tâche ne contient la marque à ${ts} µs`);
    return i;
  };
  const starts = marks.map((m) => taskOf(m.ts));
  const costs: KeystrokeCost[] = [];
  for (let k = 0; k + 1 < starts.length; k++) {
    let busy = 0;
    let cpu = 0;
    let frameEnd = 0;
    for (let i = starts[k]; i < starts[k + 1]; i++) {
      const t = tasks[i];
      busy += t.dur ?? 0;
      cpu += t.tdur ?? t.dur ?? 0;
      if (t.args?.src_func === FRAME_SOURCE) frameEnd = t.ts + (t.dur ?? 0);
    }
    const start = tasks[starts[k]].ts;
    costs.push({ busyMs: busy / 1000, cpuMs: cpu / 1000, frameMs: frameEnd ? (frameEnd - start) / 1000 : busy / 1000 });
  }
  return costs;
}
