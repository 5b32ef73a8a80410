/** The token of an `Authorization: Bearer <token>` header, however the scheme is cased or spaced; else undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  return header?.match(/^\s*Bearer\s+(\S+)\s*$/i)?.[1];
}
