import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * One address for several Temporal frontends, as a load balancer or a Kubernetes Service gives in production:
 * the SDK connects to a single host:port. Each new TCP connection goes to the next frontend that accepts it;
 * when a node dies its connections close, and the SDK's reconnect lands on a surviving (or restarted) node.
 * Layer 4 only: gRPC streams stay on the connection they were opened on.
 */
export interface FrontendBalancer {
  address: string;
  port: number;
  stop(): Promise<void>;
}

export async function startFrontendBalancer(
  upstreams: string[],
  port: number,
  host = '127.0.0.1',
): Promise<FrontendBalancer> {
  if (!upstreams.length) throw new Error('startFrontendBalancer: no frontends');
  const targets = upstreams.map((u) => {
    const i = u.lastIndexOf(':');
    return { host: u.slice(0, i), port: Number(u.slice(i + 1)) };
  });
  const sockets = new Set<Socket>();
  let next = 0;

  const pipeTo = (client: Socket, attempt: number) => {
    if (attempt >= targets.length) {
      client.destroy();
      return;
    }
    const target = targets[next++ % targets.length];
    const upstream = connect({ host: target.host, port: target.port });
    sockets.add(upstream);
    upstream.once('close', () => sockets.delete(upstream));
    const failed = () => {
      upstream.destroy();
      pipeTo(client, attempt + 1);
    };
    upstream.once('error', failed);
    upstream.setTimeout(2000, failed);
    upstream.once('connect', () => {
      upstream.setTimeout(0);
      upstream.removeListener('error', failed);
      upstream.on('error', () => upstream.destroy());
      client.pipe(upstream).pipe(client);
      upstream.once('close', () => client.destroy());
      client.once('close', () => upstream.destroy());
      client.resume();
    });
  };

  const server: Server = createServer({ pauseOnConnect: true }, (client) => {
    sockets.add(client);
    client.once('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    pipeTo(client, 0);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  return {
    address: `${host}:${bound}`,
    port: bound,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
