import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { bundleWorkflowCode, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { WORKFLOWS_PATH, workflowBundlerOptions } from '@temporal-lib/workflow-bundle';
import { defaultPayloadConverter } from '@temporalio/common';
import { ENCRYPTED_ENCODING } from '@temporal-lib/payload-codec';
import { payloadToWire } from '@temporal-lib/payload-wire';
import { testDataConverter } from '../support/payload-keys';
import { readable, storedPayloads } from '../support/stored-payloads';
import { HISTORIES_DIR } from '../support/workflow-env';

jest.setTimeout(120_000);

/**
 * Histories recorded from real runs (RECORD_HISTORIES=1 npm run test:workflows) replayed against today's workflow
 * code: a change that would make a running review take another path fails here, not in production.
 * Such a change needs `patched()`. They replay through the product's codec with the tests' keys: histories recorded
 * before the codec hold plain JSON payloads, which it passes through by their encoding.
 */
const files = readdirSync(HISTORIES_DIR).filter((f) => f.endsWith('.json'));
const read = (file: string) => readFileSync(join(HISTORIES_DIR, file), 'utf8');
const isEncrypted = (file: string) =>
  storedPayloads(read(file)).some(
    (p) => Buffer.from(p.payload.metadata?.encoding ?? '', 'base64').toString() === ENCRYPTED_ENCODING,
  );
const replay = (file: string, options: { withKeys: boolean }) =>
  Worker.runReplayHistory(
    {
      workflowBundle: bundle,
      replayName: file,
      ...(options.withKeys ? { dataConverter: testDataConverter() } : {}),
    },
    historyFromJSON(JSON.parse(read(file))),
    file.replace(/\.json$/, ''),
  );

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
    await replay(file, { withKeys: true });
  });
});

describe('a history recorded with the payload codec', () => {
  const encrypted = files.filter(isEncrypted);

  it('is among the recorded ones (tests/workflows/encrypted-history.test.ts records it)', () => {
    expect(encrypted).toContain('hire-rejected-encrypted.json');
  });

  it('holds no readable comment or name, where a payload without the codec shows them', () => {
    const texts = (file: string) => storedPayloads(read(file)).map((p) => readable(p.payload));
    const plain = defaultPayloadConverter.toPayload({ comment: 'Karin Bergström', userId: 'u' })!;
    expect(readable(payloadToWire(plain))).toMatch(/Karin Bergström.*"userId"/);
    for (const file of encrypted) {
      for (const text of texts(file)) {
        expect(text).not.toMatch(/Karin|Bergström|legitimation|"comment"|"userId"/);
      }
    }
  });

  it.each(encrypted)('%s does not replay without the keys', async (file) => {
    await expect(replay(file, { withKeys: false })).rejects.toThrow(/binary\/encrypted/);
  });
});
