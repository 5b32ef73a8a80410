import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { bundleWorkflowCode, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { WORKFLOWS_PATH, workflowBundlerOptions } from '@temporal-lib/workflow-bundle';
import { HISTORIES_DIR } from '../support/workflow-env';

jest.setTimeout(120_000);

/**
 * Histories recorded from real runs (RECORD_HISTORIES=1 npm run test:workflows) replayed against today's workflow
 * code: a change that would make a running review take another path fails here, not in production.
 * Such a change needs `patched()`.
 */
const files = readdirSync(HISTORIES_DIR).filter((f) => f.endsWith('.json'));

let bundle: WorkflowBundleWithSourceMap;
beforeAll(async () => {
  bundle = await bundleWorkflowCode({
    workflowsPath: require.resolve(WORKFLOWS_PATH),
    ...workflowBundlerOptions(),
  });
});

describe('recorded review histories replay against the current workflow code', () => {
  it('has histories for the main paths', () => {
    expect(files.length).toBeGreaterThanOrEqual(8);
  });

  it.each(files)('%s replays without nondeterminism', async (file) => {
    const history = historyFromJSON(JSON.parse(readFileSync(join(HISTORIES_DIR, file), 'utf8')));
    await Worker.runReplayHistory(
      { workflowBundle: bundle, replayName: file },
      history,
      file.replace(/\.json$/, ''),
    );
  });
});
