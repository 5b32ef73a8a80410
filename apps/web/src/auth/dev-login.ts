import { postJson } from '../api/client';
import type { Me } from '../api/types';

export interface DevLogin {
  token: string;
  expiresAt: string;
  user: Me;
}

export function devLogin(username: string): Promise<DevLogin> {
  return postJson<DevLogin>('/auth/dev-login', { username });
}
