import { createHash } from 'node:crypto';
import { DomainError } from '@domain/errors';

/** The Idempotency-Key header, checked: 1–200 visible ASCII characters, or none. */
export function parseIdempotencyKey(key: string | undefined): string | undefined {
  if (key === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,200}$/.test(key)) {
    throw new DomainError('validation_failed', 'The Idempotency-Key header is not valid', [
      { field: 'Idempotency-Key', message: 'must be 1–200 visible ASCII characters' },
    ]);
  }
  return key;
}

/** What a repeated key's body is compared by: a retry must send the same body. */
export const bodyHash = (body: unknown) => createHash('sha256').update(JSON.stringify(body)).digest('hex');

/** A stable uuid for a client's idempotency key, so its retries name the same decision. */
export function uuidFromKey(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A unique index refused the insert: the key was seen before (a retry, or two parallel calls with one key). */
export function isRepeatedKey(error: unknown): boolean {
  return (error as { driverError?: { code?: string } }).driverError?.code === '23505';
}

/** A replayed submission must carry the body the key was first used with. */
export function assertSameBody(recorded: string | null, hash: string): void {
  if (recorded !== hash) {
    throw new DomainError('unprocessable', 'This Idempotency-Key was used for a different request body', [
      { field: 'Idempotency-Key', message: 'was already used with a different body' },
    ]);
  }
}
