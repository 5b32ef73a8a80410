import { boundedMap } from './bounded-map';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('boundedMap', () => {
  it('never runs more than the limit at once, and answers in the order asked', async () => {
    let running = 0;
    let most = 0;
    const out = await boundedMap([5, 1, 4, 2, 3, 0, 6], 3, async (n) => {
      running += 1;
      most = Math.max(most, running);
      for (let i = 0; i < n; i += 1) await tick();
      running -= 1;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30, 0, 60]);
    expect(most).toBe(3);
  });

  it('answers an empty list with an empty list and refuses a limit below one', async () => {
    expect(await boundedMap([], 5, async () => 1)).toEqual([]);
    await expect(boundedMap([1], 0, async () => 1)).rejects.toThrow(RangeError);
  });
});
