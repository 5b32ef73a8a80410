import type { DataConverter } from '@temporalio/common';
import { loadConfig } from '@config/config';
import { productDataConverter } from '@temporal-lib/data-converter';

/**
 * The tests' payload keys: fixed, so a history recorded with the codec (tests/replay/histories) replays on every
 * run. Test data only; never a deployment's key. Two keys, the newer encrypting, as after a rotation.
 */
export const TEST_PAYLOAD_KEYS =
  'test-2025:dGVzdC1vbmx5LW9sZC1rZXktMzItYnl0ZXMtbG9uZyE=,test-2026:dGVzdC1vbmx5LWN1cnJlbnQta2V5LTMyLWJ5dGVzLSE=';
export const TEST_PAYLOAD_KEY_ID = 'test-2026';
export const TEST_PAYLOAD_ENV = { PAYLOAD_KEYS: TEST_PAYLOAD_KEYS, PAYLOAD_KEY_ID: TEST_PAYLOAD_KEY_ID };

/** The product's data converter with the tests' keys, for clients and workers a test builds itself. */
export function testDataConverter(): DataConverter {
  return productDataConverter(
    loadConfig({ NODE_ENV: 'test', ...TEST_PAYLOAD_ENV }).temporal.payloadEncryption,
  );
}
