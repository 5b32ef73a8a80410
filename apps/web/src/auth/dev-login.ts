import { postJson } from '../api/client';
import type { DevLoginResult } from '../api/types';

export function devLogin(username: string): Promise<DevLoginResult> {
  return postJson<DevLoginResult>('/auth/dev-login', { username });
}
