import type { WirePayload } from '@contracts/codec';

export interface StoredPayload {
  /** Where it sits, e.g. `events.4.markerRecordedEventAttributes.details.data.payloads.0`. */
  path: string;
  payload: WirePayload;
}

/** Every payload of a proto3-JSON history (as `temporal workflow show -o json` prints it), wherever it sits. */
export function storedPayloads(historyJson: string): StoredPayload[] {
  const found: StoredPayload[] = [];
  const walk = (node: unknown, path: string[]): void => {
    if (Array.isArray(node)) node.forEach((n, i) => walk(n, [...path, String(i)]));
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.data === 'string' && o.metadata && typeof o.metadata === 'object') {
        found.push({ path: path.join('.'), payload: o as WirePayload });
      } else for (const [k, v] of Object.entries(o)) walk(v, [...path, k]);
    }
  };
  walk(JSON.parse(historyJson), []);
  return found;
}

/**
 * The SDK's own bookkeeping of a local activity (type, attempt, times), which its core writes beside the result
 * without passing it through the data converter; the result itself goes through the codec.
 */
export function isLocalActivityMarkerData(path: string): boolean {
  return /\.markerRecordedEventAttributes\.details\.data\./.test(path);
}

/** What a reader of the stored history sees of a payload: its bytes as text, metadata included. */
export function readable(p: WirePayload): string {
  const metadata = Object.entries(p.metadata ?? {}).map(
    ([k, v]) => `${k}=${Buffer.from(v, 'base64').toString('utf8')}`,
  );
  return [...metadata, Buffer.from(p.data ?? '', 'base64').toString('utf8')].join('\n');
}
