import { growthPerHour, pooledSlope, type Sample } from '../chaos/process-memory';

/** The soak's memory trend: a least-squares slope within each process life, pooled over lives. */
describe('growth per hour of a process restarted during a run', () => {
  const life = (pid: string, from: number, to: number, startKb: number, kbPerS: number): Sample[] =>
    Array.from({ length: to - from }, (_, i) => ({
      t: from + i,
      label: 'worker',
      life: pid,
      rssKb: startKb + kbPerS * i,
      anonKb: startKb / 2,
    }));

  it('finds the slope within lives, not the drop of a restart', () => {
    // Two lives growing 1 kB/s each, the second starting far lower: first-minus-last would read as a shrink.
    const points = [...life('1', 0, 300, 500_000, 1), ...life('2', 300, 600, 100_000, 1)].map((s) => ({
      t: s.t,
      y: s.rssKb,
      life: s.life,
    }));
    expect(pooledSlope(points)).toBeCloseTo(1, 6);
  });

  it('reports MB per hour after the warm-ups, a flat process as 0', () => {
    const samples = [
      ...life('1', 0, 600, 400_000, 2), // 2 kB/s = 7.03 MB/h
      ...life('9', 0, 600, 20_000, 0).map((s) => ({ ...s, label: 'postgres: postmaster' })),
    ];
    const byLabel = Object.fromEntries(growthPerHour(samples, 60, 30).map((g) => [g.label, g]));
    expect(byLabel.worker.rssMbPerHour).toBeCloseTo(7, 0);
    expect(byLabel.worker.anonMbPerHour).toBe(0);
    expect(byLabel.worker.samples).toBe(540);
    expect(byLabel['postgres: postmaster'].rssMbPerHour).toBe(0);
  });

  it('has no slope for a single moment', () => {
    expect(pooledSlope([{ t: 5, y: 1, life: 'a' }])).toBeUndefined();
  });
});
