import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP forwarder that holds every chunk for `delayMs` in each direction, for kernels without netem (the sch_netem
 * qdisc). It cannot drop packets (that would corrupt the stream); what a lost segment costs TCP is a retransmission
 * after the retransmission timeout, with everything behind it waiting (head-of-line blocking), so with
 * `lossPercent` chance a chunk is held another RTO (200 ms, Linux's minimum, plus one round trip) and the chunks
 * after it wait behind it. An emulation of loss, not loss.
 */
export interface DelayProxy {
  port: number;
  shape(delayMs: number, lossPercent: number): void;
  /** Chunks forwarded and chunks held back as if lost. */
  stats(): { chunks: number; heldAsLost: number };
  close(): Promise<void>;
}

export async function startDelayProxy(
  upstream: { host: string; port: number },
  random: () => number,
): Promise<DelayProxy> {
  let delayMs = 0;
  let lossPercent = 0;
  let chunks = 0;
  let heldAsLost = 0;
  const sockets = new Set<Socket>();
  /** Forwards `from` to `to` in order, each chunk no earlier than its arrival plus the delay. */
  const pipe = (from: Socket, to: Socket) => {
    let releaseAt = 0;
    from.on('data', (chunk) => {
      chunks += 1;
      let at = Date.now() + delayMs;
      if (random() * 100 < lossPercent) {
        heldAsLost += 1;
        at += 200 + 2 * delayMs;
      }
      releaseAt = Math.max(releaseAt, at);
      setTimeout(() => to.writable && to.write(chunk), Math.max(0, releaseAt - Date.now()));
    });
    from.on('end', () => setTimeout(() => to.end(), Math.max(0, releaseAt - Date.now())));
    from.on('error', () => to.destroy());
  };
  const server: Server = createServer((client) => {
    const server = connect(upstream.port, upstream.host);
    for (const s of [client, server]) {
      sockets.add(s);
      s.setNoDelay(true);
      s.on('close', () => sockets.delete(s));
    }
    pipe(client, server);
    pipe(server, client);
  });
  await new Promise<void>((resolvePromise) => server.listen(0, '127.0.0.1', resolvePromise));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    shape(d, l) {
      delayMs = d;
      lossPercent = l;
    },
    stats: () => ({ chunks, heldAsLost }),
    close: () =>
      new Promise<void>((resolvePromise) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolvePromise());
      }),
  };
}
