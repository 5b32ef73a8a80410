import { execFileSync } from 'node:child_process';

/**
 * A network namespace joined to the host's by two veth pairs (needs root or CAP_NET_ADMIN): a SLOW one, whose both
 * ends carry a netem qdisc (delay and loss in each direction), and a PLAIN one for everything that must not cross
 * the slow link. Routing is by destination address, so a process in the namespace reaches the host's end of the
 * slow pair only over the slow link. `remove()` is idempotent and registered for the process's exit.
 */
export interface NetemLink {
  namespace: string;
  /** The host's and the namespace's address on the slow and the plain pair. */
  slow: { host: string; inside: string };
  plain: { host: string; inside: string };
  /** Sets the slow link's delay (each direction) and loss, e.g. `shape(100, 1)`. */
  shape(delayMs: number, lossPercent: number): void;
  /** The command that runs a program inside the namespace. */
  exec: string[];
  remove(): void;
}

const IP = '/usr/sbin/ip';
const TC = '/usr/sbin/tc';
const run = (cmd: string, args: string[]) => {
  try {
    return execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
  } catch (error) {
    const e = error as { stderr?: Buffer; message: string };
    throw new Error(`\`${cmd} ${args.join(' ')}\` failed: ${e.stderr?.toString().trim() || e.message}`);
  }
};

/** `id` (0–250) keeps two runs' addresses and interface names apart. */
export function createNetemLink(id: number): NetemLink {
  const namespace = `provning-netem-${id}`;
  const s0 = `pvs${id}a`;
  const s1 = `pvs${id}b`;
  const p0 = `pvp${id}a`;
  const p1 = `pvp${id}b`;
  const slow = { host: `10.231.${id}.1`, inside: `10.231.${id}.2` };
  const plain = { host: `10.232.${id}.1`, inside: `10.232.${id}.2` };
  const inNs = (cmd: string, args: string[]) => run(IP, ['netns', 'exec', namespace, cmd, ...args]);
  let removed = false;
  const remove = () => {
    if (removed) return;
    removed = true;
    process.removeListener('exit', remove);
    // Deleting the namespace deletes its ends of the pairs, and with them the host's ends.
    for (const args of [
      ['netns', 'del', namespace],
      ['link', 'del', s0],
      ['link', 'del', p0],
    ]) {
      try {
        execFileSync(IP, args, { stdio: 'ignore' });
      } catch {
        // already gone
      }
    }
  };
  // A run that died before its cleanup leaves these behind; start clean.
  removed = false;
  for (const args of [
    ['netns', 'del', namespace],
    ['link', 'del', s0],
    ['link', 'del', p0],
  ]) {
    try {
      execFileSync(IP, args, { stdio: 'ignore' });
    } catch {
      // nothing left behind
    }
  }
  process.on('exit', remove);
  try {
    run(IP, ['netns', 'add', namespace]);
    inNs(IP, ['link', 'set', 'lo', 'up']);
    for (const [host, inside, addr] of [
      [s0, s1, slow],
      [p0, p1, plain],
    ] as const) {
      run(IP, ['link', 'add', host, 'type', 'veth', 'peer', 'name', inside]);
      run(IP, ['link', 'set', inside, 'netns', namespace]);
      run(IP, ['addr', 'add', `${addr.host}/24`, 'dev', host]);
      run(IP, ['link', 'set', host, 'up']);
      inNs(IP, ['addr', 'add', `${addr.inside}/24`, 'dev', inside]);
      inNs(IP, ['link', 'set', inside, 'up']);
    }
  } catch (error) {
    remove();
    throw error;
  }
  let shaped = false;
  return {
    namespace,
    slow,
    plain,
    exec: [IP, 'netns', 'exec', namespace],
    shape(delayMs, lossPercent) {
      const verb = shaped ? 'change' : 'add';
      const netem = ['root', 'netem', 'delay', `${delayMs}ms`, 'loss', `${lossPercent}%`];
      run(TC, ['qdisc', verb, 'dev', s0, ...netem]);
      inNs(TC, ['qdisc', verb, 'dev', s1, ...netem]);
      shaped = true;
    },
    remove,
  };
}
