import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Percentile (nearest rank) of a sorted list, in the list's unit. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

export function summary(latencies: number[]) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
  };
}

export const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');

/**
 * Open loop: `rate` arrivals a second for `seconds`, each started at its scheduled time whatever the earlier
 * ones are doing, and its latency counted from that scheduled time (so a backlog shows as latency, not as a
 * quietly lower rate). Errors are counted, not timed.
 */
export async function openLoop(rate: number, seconds: number, call: (i: number) => Promise<void>) {
  const latencies: number[] = [];
  let errors = 0;
  const start = performance.now() + 50;
  const total = Math.round(rate * seconds);
  const runs: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const scheduled = start + (i * 1000) / rate;
    const wait = scheduled - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    runs.push(
      call(i).then(
        () => void latencies.push(performance.now() - scheduled),
        () => void (errors += 1),
      ),
    );
  }
  await Promise.all(runs);
  return { ...summary(latencies), errors, rate, seconds };
}

/** Closed loop: `callers` each calling again as soon as the last call answered, for `seconds`; calls a second. */
export async function closedLoop(callers: number, seconds: number, call: (i: number) => Promise<void>) {
  const until = performance.now() + seconds * 1000;
  let done = 0;
  let errors = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (performance.now() < until) {
        try {
          await call(next++);
          done += 1;
        } catch {
          errors += 1;
        }
      }
    }),
  );
  return { perSecond: done / seconds, errors };
}

/** Resident memory of a process and its children, in MiB, from /proc. */
export function rssMiB(pids: number[]): number {
  return sumKiB(pids, 'status', /VmRSS:\s+(\d+)/);
}

/**
 * Proportional set size, in MiB: shared pages divided among the processes sharing them. PostgreSQL's backends
 * all map the same shared buffers, so summing their RSS counts those pages once per backend; PSS does not.
 */
export function pssMiB(pids: number[]): number {
  return sumKiB(pids, 'smaps_rollup', /Pss:\s+(\d+)/);
}

function sumKiB(pids: number[], file: string, field: RegExp): number {
  let kib = 0;
  for (const pid of pids) {
    try {
      const m = field.exec(readFileSync(`/proc/${pid}/${file}`, 'utf8'));
      if (m) kib += Number(m[1]);
    } catch {
      // the process ended in between
    }
  }
  return kib / 1024;
}

/** Every descendant of a process (children, their children, …). */
export function childPids(pid: number): number[] {
  try {
    const direct = execFileSync('pgrep', ['-P', String(pid)])
      .toString()
      .trim()
      .split('\n')
      .filter(Boolean);
    return direct.map(Number).flatMap((c) => [c, ...childPids(c)]);
  } catch {
    return []; // pgrep exits 1 when there are none
  }
}

/** A process's command line, arguments separated by spaces; empty once it has ended. */
export function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}
