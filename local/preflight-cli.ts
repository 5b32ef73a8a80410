import { machineFacts, preflightMessage, whatIsMissing } from './preflight';

const facts = machineFacts();
const message = preflightMessage(whatIsMissing(facts), facts.root);
if (message) {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}
