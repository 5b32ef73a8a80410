import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@config/config';
import { UsersRepository } from '@db/repositories/users.repository';
import { CONFIG, DATA_SOURCE } from '../tokens';
import { problem, ProblemException } from '../common/problem';
import type { AuthSettings, DevLoginResult } from '@contracts/users';
import type { CurrentUser } from './current-user';
import { isAccessToken } from './access-token';

/**
 * The user a first sign-in creates: username from the preferred_username claim (else the subject), display name
 * from `name`, e-mail from `email`; with OIDC_LINK_FIELD=email the linked value is the e-mail.
 */
function newUserOf(
  subject: string,
  payload: JWTPayload,
  match: { field: string; value: string },
): { username: string; displayName: string; email: string | null } {
  const text = (v: unknown) =>
    typeof v === 'string' && v.trim() !== '' ? v.trim().slice(0, 200) : undefined;
  const username = text(payload.preferred_username) ?? subject;
  return {
    username,
    displayName: text(payload.name) ?? username,
    email: match.field === 'email' ? match.value : (text(payload.email) ?? null),
  };
}

const DEV_ISSUER = 'provning-dev';

type OidcAuth = Extract<AppConfig['auth'], { mode: 'oidc' }>;

const DEV_AUDIENCE = 'provning';

@Injectable()
export class AuthService {
  private readonly devSecret: Uint8Array;
  private readonly jwks?: ReturnType<typeof createRemoteJWKSet>;
  private readonly users: UsersRepository;

  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    @Inject(DATA_SOURCE) dataSource: DataSource,
  ) {
    this.users = new UsersRepository(dataSource);
    // Without a configured secret, dev tokens live as long as the process: a restart signs everyone out.
    const secret = config.auth.mode === 'dev' ? config.auth.devSecret : undefined;
    this.devSecret = secret ? new TextEncoder().encode(secret) : randomBytes(32);
    if (config.auth.mode === 'oidc') this.jwks = createRemoteJWKSet(new URL(config.auth.jwksUrl));
  }

  get mode() {
    return this.config.auth.mode;
  }

  async devLogin(username: string): Promise<DevLoginResult> {
    if (this.config.auth.mode !== 'dev')
      throw new ProblemException(problem(404, 'Dev sign-in is not enabled'));
    const user = await this.loadUser({ username });
    if (!user) {
      throw new ProblemException(
        problem(422, `No user named ${username}`, {
          errors: [{ field: 'username', message: 'is not a known user' }],
        }),
      );
    }
    const expiresAt = new Date(Date.now() + 8 * 3_600_000);
    const token = await new SignJWT({ preferred_username: user.username })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.id)
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.devSecret);
    return { token, expiresAt: expiresAt.toISOString(), user };
  }

  /** Verifies a bearer token and loads its user with their roles; null when the token or user is not valid. */
  async authenticate(token: string): Promise<CurrentUser | null> {
    const payload = await this.verify(token);
    if (!payload?.sub) return null;
    const auth = this.config.auth;
    if (auth.mode === 'dev') return this.loadUser({ id: payload.sub });
    return this.userOfIdentity(auth, { issuer: payload.iss!, subject: payload.sub }, payload);
  }

  /**
   * The user an identity provider's subject is bound to. A subject seen for the first time is bound to the user
   * the configured claim names, once: afterwards a changed username, e-mail or claim moves nobody to another
   * account, and a second subject presenting the same claim signs in as nobody.
   */
  private async userOfIdentity(
    auth: OidcAuth,
    identity: { issuer: string; subject: string },
    payload: JWTPayload,
  ): Promise<CurrentUser | null> {
    const bound = await this.users.withGrants(identity);
    if (bound) return bound;
    const value = payload[auth.link.claim];
    if (typeof value !== 'string' || value === '') return null;
    const match = { field: auth.link.field, value };
    const linked = await this.users.linkIdentity(match, identity);
    if (!linked && auth.createUnknownUsers)
      await this.users.createForIdentity(match, identity, newUserOf(identity.subject, payload, match));
    // Read again rather than trust either answer: a concurrent first sign-in of the same subject may have won.
    return (await this.users.withGrants(identity)) ?? null;
  }

  /**
   * Who a token was issued to, once its signature, issuer, audience and expiry hold, without touching the
   * database: what the rate limits count by. Undefined for a token that does not verify.
   */
  async verifiedSubject(token: string): Promise<string | undefined> {
    const payload = await this.verify(token);
    return payload?.sub ? `${payload.iss ?? ''}|${payload.sub}` : undefined;
  }

  private async verify(token: string): Promise<JWTPayload | null> {
    try {
      if (this.config.auth.mode === 'dev') {
        const { payload } = await jwtVerify(token, this.devSecret, {
          issuer: DEV_ISSUER,
          audience: DEV_AUDIENCE,
          algorithms: ['HS256'],
        });
        return payload;
      }
      const { payload, protectedHeader } = await jwtVerify(token, this.jwks!, {
        issuer: this.config.auth.issuer,
        audience: this.config.auth.audience,
        algorithms: ['RS256', 'ES256', 'PS256'],
        requiredClaims: ['exp', 'sub'],
      });
      return isAccessToken(protectedHeader.typ, payload, this.config.auth.clientIds) ? payload : null;
    } catch {
      return null;
    }
  }

  /** What the web app needs to sign in, and whom a person with no roles asks for access; public. */
  settings(): AuthSettings {
    const auth = this.config.auth;
    return {
      mode: auth.mode,
      ...(auth.mode === 'oidc' && auth.web.clientId
        ? { oidc: { issuer: auth.issuer, clientId: auth.web.clientId, scope: auth.web.scope } }
        : {}),
      accessContact: this.config.accessContact ?? null,
    };
  }

  async loadUser(by: { id: string } | { username: string }): Promise<CurrentUser | null> {
    if ('id' in by && !/^[0-9a-f-]{36}$/i.test(by.id)) return null;
    return (await this.users.withGrants(by)) ?? null;
  }
}
