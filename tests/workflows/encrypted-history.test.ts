import { Worker, bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { WORKFLOWS_PATH, workflowBundlerOptions } from '@temporal-lib/workflow-bundle';
import { ENCRYPTED_ENCODING } from '@temporal-lib/payload-codec';
import { payloadFromWire } from '@temporal-lib/payload-wire';
import { decideUpdate } from '@workflows/messages';
import { testDataConverter } from '../support/payload-keys';
import { isLocalActivityMarkerData, readable, storedPayloads } from '../support/stored-payloads';
import { startWorkflowTestEnv, type WorkflowTestEnv } from '../support/workflow-env';

jest.setTimeout(120_000);

/** Free text a reviewer might write about a person: it must never be readable in Temporal's store. */
const COMMENT = 'Avslås: Karin Bergström saknar legitimation';

let t: WorkflowTestEnv;
let bundle: WorkflowBundleWithSourceMap;
beforeAll(async () => {
  [t, bundle] = await Promise.all([
    startWorkflowTestEnv(),
    bundleWorkflowCode({ workflowsPath: require.resolve(WORKFLOWS_PATH), ...workflowBundlerOptions() }),
  ]);
});
afterAll(() => t?.stop());

describe('a review under the payload codec', () => {
  let stored: string;
  let workflowId: string;
  beforeAll(async () => {
    const { handle } = await t.startReview();
    await handle.executeUpdate(decideUpdate, {
      args: [t.decision('hr_review', 'hr.somatik', { outcome: 'reject', comment: COMMENT })],
    });
    await handle.result();
    workflowId = handle.workflowId;
    stored = await t.storedHistory(workflowId);
    await t.recordHistory('hire-rejected-encrypted', workflowId);
  });

  it('stores every payload encrypted: no comment, name or id readable in the history', async () => {
    const payloads = storedPayloads(stored);
    expect(payloads.length).toBeGreaterThan(5);
    for (const { path, payload } of payloads) {
      const text = readable(payload);
      expect(text).not.toContain('Karin');
      expect(text).not.toContain('requestId');
      expect(text).not.toContain('userId');
      if (isLocalActivityMarkerData(path))
        expect(JSON.parse(Buffer.from(payload.data!, 'base64').toString())).toEqual(
          expect.objectContaining({ activity_type: expect.any(String) }),
        );
      else expect(Buffer.from(payload.metadata!.encoding!, 'base64').toString()).toBe(ENCRYPTED_ENCODING);
    }
    expect(stored).not.toContain('Karin');
  });

  it('holds the comment, readable again through the codec with the keys', async () => {
    const codec = testDataConverter().payloadCodecs![0]!;
    const decoded = await codec.decode(storedPayloads(stored).map((p) => payloadFromWire(p.payload)));
    expect(decoded.some((p) => Buffer.from(p.data!).toString().includes(COMMENT))).toBe(true);
  });

  it('replays with the keys and fails to replay without them', async () => {
    const history = historyFromJSON(JSON.parse(stored));
    await Worker.runReplayHistory(
      { workflowBundle: bundle, dataConverter: testDataConverter(), replayName: 'with-keys' },
      history,
      workflowId,
    );
    await expect(
      Worker.runReplayHistory({ workflowBundle: bundle, replayName: 'without-keys' }, history, workflowId),
    ).rejects.toThrow(/binary\/encrypted/);
  });
});
