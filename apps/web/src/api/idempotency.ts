import { useState } from 'react';

/** FNV-1a: a short, stable digest of a body; not for security, only to tell two bodies apart. */
function digest(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16);
}

/**
 * An Idempotency-Key per form and body: a double click or a retry after a lost answer repeats the key (the API
 * answers the first result), while a corrected body gets a new key (the API refuses a key reused with a new body).
 */
export function useIdempotencyKey(): (body: unknown) => string {
  const [nonce] = useState(() => crypto.randomUUID());
  return (body) => `${nonce}-${digest(JSON.stringify(body))}`;
}
