import { readdirSync, readFileSync } from 'node:fs';

/**
 * Resident memory of the processes a long run watches, read from /proc (Linux only), and the growth per hour as a
 * least-squares line over the samples. A process restarted during the run (the worker after its kill -9) has
 * several lives: the fit takes the slope within each life and pools them (one intercept per life), so a restart's
 * drop does not read as a shrink, nor its fresh start as growth.
 */

export interface ProcessInfo {
  pid: number;
  ppid: number;
  /** argv joined with spaces; a PostgreSQL child shows its title here ("postgres: checkpointer"). */
  cmdline: string;
}

export function listProcesses(): ProcessInfo[] {
  const out: ProcessInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name in parentheses may hold spaces; the fields after the last ')' are fixed.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
      out.push({ pid: Number(entry), ppid, cmdline });
    } catch {
      // gone between readdir and read
    }
  }
  return out;
}

export interface MemoryReading {
  /** VmRSS: what `ps` shows as RSS. */
  rssKb: number;
  /** RssAnon: the process's own heap and stacks, without shared memory and mapped files. */
  anonKb: number;
}

export function readMemory(pid: number): MemoryReading | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
    const rssKb = field('VmRSS');
    if (Number.isNaN(rssKb)) return undefined;
    return { rssKb, anonKb: field('RssAnon') };
  } catch {
    return undefined;
  }
}

/** One labelled process (or a sum of them) at one moment; `life` changes when the process behind a label does. */
export interface Sample {
  t: number;
  label: string;
  life: string;
  rssKb: number;
  anonKb: number;
}

/**
 * The processes of a stack by label: the API and worker by pid, the Temporal dev server by its port, PostgreSQL's
 * postmaster by its port and each of its children by title, the client backends summed (they come and go with the
 * connection pools).
 */
export function stackSample(
  t: number,
  known: { label: string; pid: number | undefined }[],
  ports: { postgres: number; temporal: number },
): Sample[] {
  const procs = listProcesses();
  const samples: Sample[] = [];
  const take = (label: string, pid: number) => {
    const m = readMemory(pid);
    if (m) samples.push({ t, label, life: String(pid), ...m });
  };
  for (const { label, pid } of known) if (pid) take(label, pid);
  const temporal = procs.find(
    (p) => p.cmdline.includes('start-dev') && p.cmdline.includes(`--port ${ports.temporal}`),
  );
  if (temporal) take('temporal dev server', temporal.pid);
  const postmaster = procs.find(
    (p) => /(^|\/)postgres /.test(p.cmdline) && p.cmdline.includes(`-p ${ports.postgres}`),
  );
  if (postmaster) {
    take('postgres: postmaster', postmaster.pid);
    const backends = { rssKb: 0, anonKb: 0, n: 0 };
    for (const child of procs.filter((p) => p.ppid === postmaster.pid)) {
      const title = child.cmdline.replace(/^postgres:\s*/, '').trim();
      const m = readMemory(child.pid);
      if (!m) continue;
      // A client backend's title is "user database host(port) state"; the background processes name themselves.
      if (/\d+\.\d+\.\d+\.\d+\(\d+\)|\[local\]/.test(title)) {
        backends.rssKb += m.rssKb;
        backends.anonKb += m.anonKb;
        backends.n += 1;
      } else samples.push({ t, label: `postgres: ${title}`, life: String(child.pid), ...m });
    }
    samples.push({
      t,
      label: 'postgres: client backends (sum)',
      life: String(postmaster.pid),
      rssKb: backends.rssKb,
      anonKb: backends.anonKb,
    });
  }
  return samples;
}

/**
 * Slope (units per second) of `y` over `t`, pooled over lives: Σ (t − t̄ₗ)(y − ȳₗ) / Σ (t − t̄ₗ)², each life l with
 * its own means. Undefined with fewer than two distinct moments.
 */
export function pooledSlope(points: { t: number; y: number; life: string }[]): number | undefined {
  const lives = new Map<string, { t: number; y: number }[]>();
  for (const p of points) {
    const life = lives.get(p.life) ?? [];
    life.push(p);
    lives.set(p.life, life);
  }
  let num = 0;
  let den = 0;
  for (const pts of lives.values()) {
    const tm = pts.reduce((s, p) => s + p.t, 0) / pts.length;
    const ym = pts.reduce((s, p) => s + p.y, 0) / pts.length;
    for (const p of pts) {
      num += (p.t - tm) * (p.y - ym);
      den += (p.t - tm) ** 2;
    }
  }
  return den > 0 ? num / den : undefined;
}

export interface Growth {
  label: string;
  samples: number;
  lives: number;
  /** RSS at the first and last sample counted, and its maximum, in MB. */
  firstMb: number;
  lastMb: number;
  maxMb: number;
  /** Least-squares growth of RSS and of RssAnon, MB per hour. */
  rssMbPerHour: number | undefined;
  anonMbPerHour: number | undefined;
}

/**
 * Growth per hour of every label, from the samples after `warmupS` into the run and `lifeWarmupS` into each life
 * (a process just started is still loading code and filling its caches).
 */
export function growthPerHour(samples: Sample[], warmupS: number, lifeWarmupS: number): Growth[] {
  const lifeStart = new Map<string, number>();
  for (const s of samples) {
    const key = `${s.label}\0${s.life}`;
    if (!lifeStart.has(key)) lifeStart.set(key, s.t);
  }
  const byLabel = new Map<string, Sample[]>();
  for (const s of samples) {
    if (s.t < warmupS || s.t - lifeStart.get(`${s.label}\0${s.life}`)! < lifeWarmupS) continue;
    const list = byLabel.get(s.label) ?? [];
    list.push(s);
    byLabel.set(s.label, list);
  }
  const mb = (kb: number) => Math.round((kb / 1024) * 10) / 10;
  const perHour = (slopeKbPerS: number | undefined) =>
    slopeKbPerS === undefined ? undefined : Math.round(((slopeKbPerS * 3600) / 1024) * 10) / 10;
  return [...byLabel.entries()]
    .map(([label, ss]) => ({
      label,
      samples: ss.length,
      lives: new Set(ss.map((s) => s.life)).size,
      firstMb: mb(ss[0].rssKb),
      lastMb: mb(ss[ss.length - 1].rssKb),
      maxMb: mb(ss.reduce((m, s) => Math.max(m, s.rssKb), 0)),
      rssMbPerHour: perHour(pooledSlope(ss.map((s) => ({ t: s.t, y: s.rssKb, life: s.life })))),
      anonMbPerHour: perHour(pooledSlope(ss.map((s) => ({ t: s.t, y: s.anonKb, life: s.life })))),
    }))
    .sort((a, b) => a.label.localeCompare(b.label));
}
