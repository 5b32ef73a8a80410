/** One-line, timestamped log lines for the start-up sequence and the apps' own messages. */
export type Logger = (message: string) => void;

export function createLogger(component: string): Logger {
  return (message) => process.stdout.write(`${new Date().toISOString()} [${component}] ${message}\n`);
}
