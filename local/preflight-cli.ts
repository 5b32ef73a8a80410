import { aptPackages, machineFacts, preflightMessage, whatIsMissing } from './preflight';

/**
 * `npm run preflight`: exits 1 with the one message when the machine lacks something.
 * `-- --apt-packages`: prints the Debian packages among it instead (for .ci/run, which installs them) and exits 0.
 */
async function main() {
  const facts = await machineFacts();
  const missing = whatIsMissing(facts);
  if (process.argv.includes('--apt-packages')) {
    process.stdout.write(`${aptPackages(missing).join(' ')}\n`);
    return;
  }
  const message = preflightMessage(missing, facts.root);
  if (message) {
    process.stderr.write(`${message}\n`);
    process.exitCode = 1;
  }
}

void main();
