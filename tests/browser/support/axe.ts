import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

const ROOT = join(__dirname, '..', '..', '..');
export const ARTIFACTS = join(ROOT, 'tests/artifacts');
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Checks the page as it is now with axe-core and saves a screenshot of the viewport (of the whole page with
 * `fullPage`); answers the serious and critical violations (every violation with `everyImpact`), as short strings
 * so a failing test names them. The full result is kept beside the screenshot.
 */
export async function auditPage(
  page: Page,
  name: string,
  options: { fullPage?: boolean; everyImpact?: boolean } = {},
): Promise<string[]> {
  mkdirSync(join(ARTIFACTS, 'screenshots'), { recursive: true });
  mkdirSync(join(ARTIFACTS, 'axe'), { recursive: true });
  // Let the page finish loading what it shows before judging it.
  await page.waitForLoadState('networkidle');
  await page
    .locator('.loading')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined);
  await page.screenshot({ path: join(ARTIFACTS, 'screenshots', `${name}.png`), fullPage: options.fullPage });
  // These functions run in the page; the tests' type settings have no DOM, so the page is reached via globalThis.
  // Evaluated through the DevTools protocol rather than added as a <script>: the app's Content-Security-Policy
  // (script-src 'self') rightly refuses inline scripts, and the audit must not need it weakened.
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(async () => {
    const g = globalThis as unknown as {
      axe: { run: (context: unknown) => Promise<{ violations: unknown[] }> };
      document: unknown;
    };
    return (await g.axe.run(g.document)).violations;
  })) as AxeViolation[];
  writeFileSync(join(ARTIFACTS, 'axe', `${name}.json`), JSON.stringify(violations, null, 2));
  return violations
    .filter((v) => options.everyImpact || v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
