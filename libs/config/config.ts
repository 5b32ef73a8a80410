import { z } from 'zod';
import { DEFAULT_PERIOD_WARNING_DAYS, parseWarningDays } from '@domain/period-watch';
import { parseClaimKeys, type ClaimKey } from '@domain/actor-claim';
import { LINK_FIELDS, type LinkField } from '@domain/enums';
import type { PayloadEncryption, PayloadKey } from '@temporal-lib/payload-codec';
import { DEFAULT_ATTACHMENT_MAX_BYTES, DEFAULT_ATTACHMENTS_PER_REQUEST } from '@domain/attachments';

/**
 * Every environment variable the product reads, parsed and validated in one place.
 * A bad value stops start-up with a message naming the variable, never a late surprise.
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const port = z.coerce
  .number({ message: 'must be a port number' })
  .int('must be a whole number')
  .min(1, 'must be 1–65535')
  .max(65535, 'must be 1–65535');
const url = (protocols: string[]) =>
  z
    .string()
    .url('must be a URL')
    .refine(
      (v) => protocols.some((p) => v.startsWith(`${p}:`)),
      `must start with ${protocols.join(': or ')}:`,
    );

/** PAYLOAD_KEYS: `id:base64,id:base64`, each key 32 random bytes (`openssl rand -base64 32`). */
const payloadKeys = z.string().transform((v, ctx): PayloadKey[] => {
  const keys: PayloadKey[] = [];
  for (const entry of v.split(',').map((e) => e.trim())) {
    const [id, b64, ...rest] = entry.split(':');
    const key = Buffer.from(b64 ?? '', 'base64');
    const problem = !/^[A-Za-z0-9._-]{1,64}$/.test(id ?? '')
      ? 'each key id must be 1–64 letters, digits, . _ or -'
      : rest.length || !b64 || key.length !== 32 || key.toString('base64') !== b64
        ? `key "${id}" must be 32 bytes in base64 (openssl rand -base64 32)`
        : keys.some((k) => k.id === id)
          ? `key id "${id}" appears twice`
          : undefined;
    if (problem) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${problem}; the form is id:base64,id:base64` });
      return z.NEVER;
    }
    keys.push({ id: id!, key });
  }
  return keys;
});

/**
 * The SDK would size the cache from the V8 heap limit (about 2 300 workflows on a 24 GiB machine). A review waits
 * days between tasks, so a cached one is rarely touched again soon; replaying a review's short history costs
 * milliseconds. Measured in BENCHMARKS.md ("Held load").
 */
export const WORKER_CACHE_DEFAULT = 1000;

/**
 * Outside production the API and worker share this well-known key, so `npm start` and compose work untouched; it
 * vouches for nothing, which is why with NODE_ENV=production the API and worker refuse to start without
 * REVIEW_CLAIM_KEYS (requireClaimKeys).
 */
export const DEV_REVIEW_CLAIM_KEYS: readonly ClaimKey[] = [{ kid: 'dev', secret: '64657620'.repeat(8) }];

const claimKeys = z.string().transform((text, ctx) => {
  try {
    return parseClaimKeys(text);
  } catch (e) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: (e as Error).message });
    return z.NEVER;
  }
});

/** A listen address only this machine reaches: the one place dev sign-in may run without being asked for. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

const TEMPORAL_TLS_VARIABLES = [
  'TEMPORAL_TLS_CA_FILE',
  'TEMPORAL_TLS_CERT_FILE',
  'TEMPORAL_TLS_KEY_FILE',
  'TEMPORAL_TLS_SERVER_NAME',
] as const;

const CALL_TIMEOUT_RANGE = 'must be a whole number of seconds, 1–600';

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    LOG_LEVEL: z.enum(['error', 'warn', 'info', 'debug']).default('info'),
    HOST: z.string().min(1).default('0.0.0.0'),
    PORT: port.default(3000),
    BODY_LIMIT: z
      .string()
      .regex(/^\d+(b|kb|mb)$/i, 'must look like 100kb')
      .default('100kb'),
    CORS_ORIGINS: z
      .string()
      .transform((v) =>
        v
          .split(',')
          .map((o) => o.trim())
          .filter(Boolean),
      )
      .pipe(
        z.array(
          z
            .string()
            .url('must be a comma-separated list of origins, e.g. https://provning.region.se')
            .refine((o) => /^https?:\/\/[^/]+$/.test(o), 'must be origins only (scheme://host[:port])'),
        ),
      )
      .default(''),
    OPS_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
    RATE_LIMIT_LOGIN_PER_MINUTE: z.coerce.number().int().min(0).default(60),
    RATE_LIMIT_SUBMIT_PER_MINUTE: z.coerce.number().int().min(0).default(300),
    DATABASE_URL: url(['postgres', 'postgresql']).optional(),
    // The schema owner, used only to migrate; the DATABASE_URL role then gets rows, not the schema (runtime-grants.ts).
    MIGRATION_DATABASE_URL: url(['postgres', 'postgresql']).optional(),
    DATABASE_RUNTIME_ROLE: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_$-]{0,62}$/, 'must be a PostgreSQL role name')
      .optional(),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    // TLS to PostgreSQL (deploy/README.md "TLS to PostgreSQL"); unset means disable, as on this machine.
    DATABASE_SSL_MODE: z
      .enum(['disable', 'require', 'verify-full'], { message: 'must be disable, require or verify-full' })
      .optional(),
    DATABASE_SSL_CA_FILE: z.string().min(1).optional(),
    DATA_DIR: z.string().min(1).default('.data'),
    EMBEDDED_PG_PORT: port.default(54329),
    TEMPORAL_ADDRESS: z
      .string()
      .regex(/^[^\s:]+:\d{1,5}$/, 'must be host:port')
      .optional(),
    TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
    TEMPORAL_TASK_QUEUE: z.string().min(1).default('review'),
    TEMPORAL_CALL_TIMEOUT_SECONDS: z.coerce
      .number({ message: CALL_TIMEOUT_RANGE })
      .int(CALL_TIMEOUT_RANGE)
      .min(1, CALL_TIMEOUT_RANGE)
      .max(600, CALL_TIMEOUT_RANGE)
      .default(20),
    TEMPORAL_DEV_PORT: port.default(7233),
    TEMPORAL_UI_PORT: port.default(8233),
    TEMPORAL_CLI_PATH: z.string().min(1).optional(),
    // Mutual TLS to Temporal's frontend (deploy/README.md "Mutual TLS"); the files are read once at start-up.
    TEMPORAL_TLS: z.enum(['on', 'off'], { message: 'must be on or off' }).optional(),
    TEMPORAL_TLS_CA_FILE: z.string().min(1).optional(),
    TEMPORAL_TLS_CERT_FILE: z.string().min(1).optional(),
    TEMPORAL_TLS_KEY_FILE: z.string().min(1).optional(),
    TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
    // The payload codec's keys (deploy/README.md "Payload encryption"); PAYLOAD_KEY_ID names the one that encrypts.
    PAYLOAD_KEYS: payloadKeys.optional(),
    PAYLOAD_KEY_ID: z.string().min(1).optional(),
    // Workflows kept in the worker's memory between tasks (BENCHMARKS.md "Held load" for the measured choice).
    WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).max(100_000).default(WORKER_CACHE_DEFAULT),
    WORKFLOW_BUNDLE_PATH: z.string().min(1).optional(),
    WORKER_WORKFLOW_THREADS: z.coerce.number().int().min(1).max(16).default(1),
    PROVNING_CACHE_DIR: z.string().min(1).optional(),
    // npm run start:cluster: the real Temporal server on PostgreSQL instead of the dev server (README "Scaling out").
    TEMPORAL_MODE: z.enum(['dev', 'cluster']).default('dev'),
    TEMPORAL_NODES: z.coerce.number().int().min(1, 'must be 1–9').max(9, 'must be 1–9').default(1),
    TEMPORAL_CLUSTER_PORT: port.default(7300),
    TEMPORAL_DB_URL: url(['postgres', 'postgresql']).optional(),
    TEMPORAL_NUM_HISTORY_SHARDS: z.coerce.number().int().min(1).max(16384).default(4),
    TEMPORAL_SERVER_PATH: z.string().min(1).optional(),
    TEMPORAL_SQL_TOOL_PATH: z.string().min(1).optional(),
    // Unset means dev, but only on loopback: requireSignInChoice refuses it anywhere else.
    AUTH_MODE: z.enum(['dev', 'oidc']).optional(),
    REVIEW_CLAIM_KEYS: claimKeys.optional(),
    AUTH_DEV_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    OIDC_ISSUER: url(['https', 'http']).optional(),
    OIDC_AUDIENCE: z.string().min(1).optional(),
    OIDC_JWKS_URL: url(['https', 'http']).optional(),
    // A first sign-in links the provider's (iss, sub) to the user whose OIDC_LINK_FIELD equals this claim.
    OIDC_LINK_CLAIM: z.string().min(1).default('preferred_username'),
    OIDC_LINK_FIELD: z.enum(LINK_FIELDS).default('username'),
    // The clients (azp) whose access tokens the API takes; unset, any client of the audience.
    OIDC_CLIENT_IDS: z
      .string()
      .transform((v) =>
        v
          .split(',')
          .map((id) => id.trim())
          .filter(Boolean),
      )
      .optional(),
    // A first sign-in whose claim names nobody creates an active user with no roles (README "Sign-in"): the
    // region's provider already decides who is an employee; what they may do is still granted in Prövning.
    OIDC_CREATE_UNKNOWN_USERS: bool.default('true'),
    // The public client the web app signs in with, and the scopes it asks for; served to the web at run time
    // (GET /api/v1/auth/settings) so one build serves every region. Unset client: the first of OIDC_CLIENT_IDS.
    OIDC_WEB_CLIENT_ID: z.string().min(1).optional(),
    OIDC_WEB_SCOPE: z.string().min(1).default('openid profile email'),
    // Who grants access, shown to a signed-in person with no roles, e.g. "HR-funktionen, hr@region.se".
    ACCESS_CONTACT: z.string().min(1).max(200).optional(),
    PERIOD_WARNING_DAYS: z
      .string()
      .transform((text, ctx) => {
        const days = parseWarningDays(text);
        if (typeof days === 'string') {
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: days });
          return z.NEVER;
        }
        return days;
      })
      .optional(),
    // Attachments on requests (README "Attachments"): size of one file, files per request, and where the bytes go.
    ATTACHMENT_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1024, 'must be at least 1024 bytes')
      .max(100 * 1024 * 1024, 'must be at most 100 MB')
      .default(DEFAULT_ATTACHMENT_MAX_BYTES),
    ATTACHMENTS_PER_REQUEST: z.coerce
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(DEFAULT_ATTACHMENTS_PER_REQUEST),
    ATTACHMENT_STORE: z.enum(['postgres', 's3'], { message: 'must be postgres or s3' }).default('postgres'),
    S3_ENDPOINT: url(['https', 'http']).optional(),
    S3_BUCKET: z.string().min(3).max(63).optional(),
    S3_REGION: z.string().min(1).default('us-east-1'),
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    // Most S3-compatible servers other than AWS address buckets by path (endpoint/bucket/key).
    S3_FORCE_PATH_STYLE: bool.default('true'),
    SEED_DEMO: bool.default('true'),
    RUN_MIGRATIONS: bool.default('true'),
    SMTP_URL: url(['smtp', 'smtps']).optional(),
    // Where people open the web app (https://provning.region.se): the links in the mails start here.
    PUBLIC_URL: url(['https', 'http'])
      .refine((v) => !/[?#]/.test(v), 'must be a base URL, without query or fragment')
      .transform((v) => v.replace(/\/+$/, ''))
      .optional(),
    MAIL_FROM: z
      .string()
      .regex(
        /^[^<>@\s]+@[^<>@\s]+$|<[^<>@\s]+@[^<>@\s]+>$/,
        'must be an address, e.g. Prövning <no-reply@example.org>',
      )
      .default('Prövning <no-reply@provning.local>'),
  })
  .superRefine((c, ctx) => {
    if ((c.AUTH_MODE ?? 'dev') === 'dev' && c.NODE_ENV === 'production') {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['AUTH_MODE'],
        message: 'dev sign-in is not allowed with NODE_ENV=production; use AUTH_MODE=oidc',
      });
    }
    if (c.PAYLOAD_KEYS && !c.PAYLOAD_KEY_ID && c.PAYLOAD_KEYS.length > 1) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['PAYLOAD_KEY_ID'],
        message: 'is required when PAYLOAD_KEYS holds more than one key: it names the one that encrypts',
      });
    }
    if (c.PAYLOAD_KEY_ID && !c.PAYLOAD_KEYS?.some((k) => k.id === c.PAYLOAD_KEY_ID)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['PAYLOAD_KEY_ID'],
        message: c.PAYLOAD_KEYS
          ? `must be one of the ids in PAYLOAD_KEYS (${c.PAYLOAD_KEYS.map((k) => k.id).join(', ')})`
          : 'needs PAYLOAD_KEYS',
      });
    }
    for (const [given, missing] of [
      ['TEMPORAL_TLS_CERT_FILE', 'TEMPORAL_TLS_KEY_FILE'],
      ['TEMPORAL_TLS_KEY_FILE', 'TEMPORAL_TLS_CERT_FILE'],
    ] as const) {
      if (c[given] && !c[missing])
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: [missing],
          message: `is required with ${given}: the client certificate and its key go together`,
        });
    }
    const temporalTlsSet = TEMPORAL_TLS_VARIABLES.filter((v) => c[v]);
    if (c.TEMPORAL_TLS === 'off' && temporalTlsSet.length) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['TEMPORAL_TLS'],
        message: `is off, yet ${temporalTlsSet.join(', ')} ${temporalTlsSet.length > 1 ? 'are' : 'is'} set: remove one or the other`,
      });
    }
    if (
      c.NODE_ENV === 'production' &&
      c.TEMPORAL_ADDRESS &&
      c.TEMPORAL_TLS !== 'off' &&
      c.TEMPORAL_TLS !== 'on' &&
      !temporalTlsSet.length
    ) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['TEMPORAL_TLS'],
        message:
          'TLS is required to reach TEMPORAL_ADDRESS with NODE_ENV=production: set TEMPORAL_TLS_CA_FILE, ' +
          'TEMPORAL_TLS_CERT_FILE and TEMPORAL_TLS_KEY_FILE (mutual TLS), or TEMPORAL_TLS=off to choose plaintext',
      });
    }
    if (c.DATABASE_SSL_CA_FILE && c.DATABASE_SSL_MODE !== 'verify-full') {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['DATABASE_SSL_CA_FILE'],
        message: 'needs DATABASE_SSL_MODE=verify-full: no other mode checks the server against it',
      });
    }
    // pg lets sslmode in the URL override the options we pass, so one of the two must say it.
    if (c.DATABASE_SSL_MODE && c.DATABASE_URL && /[?&](sslmode|ssl|sslrootcert)=/.test(c.DATABASE_URL)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['DATABASE_URL'],
        message:
          'must not carry sslmode, ssl or sslrootcert when DATABASE_SSL_MODE is set: say it in one place',
      });
    }
    if (c.ATTACHMENT_STORE === 's3' && !c.S3_BUCKET) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['S3_BUCKET'],
        message: 'required when ATTACHMENT_STORE=s3',
      });
    }
    if (!!c.S3_ACCESS_KEY_ID !== !!c.S3_SECRET_ACCESS_KEY) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: [c.S3_ACCESS_KEY_ID ? 'S3_SECRET_ACCESS_KEY' : 'S3_ACCESS_KEY_ID'],
        message:
          "S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together (neither: the SDK's default credentials)",
      });
    }
    if (c.AUTH_MODE === 'oidc') {
      for (const key of ['OIDC_ISSUER', 'OIDC_AUDIENCE', 'OIDC_JWKS_URL'] as const) {
        if (!c[key])
          ctx.addIssue({ code: z.ZodIssueCode.custom, path: [key], message: 'required when AUTH_MODE=oidc' });
      }
    }
    // A production mail without its link sends the reader hunting for the request; one over http invites a
    // network attacker to rewrite the page the link opens.
    if (c.NODE_ENV === 'production' && c.SMTP_URL && !c.PUBLIC_URL?.startsWith('https:')) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['PUBLIC_URL'],
        message: 'must be the https URL of the web app when SMTP_URL is set in production',
      });
    }
    // Over plain http a network attacker swaps the provider's keys and signs in as anyone.
    if (c.NODE_ENV === 'production') {
      for (const key of ['OIDC_ISSUER', 'OIDC_JWKS_URL'] as const) {
        if (c[key]?.startsWith('http:'))
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            path: [key],
            message: 'must be an https URL in production',
          });
      }
    }
  });

export type RawConfig = z.infer<typeof schema>;

export interface TemporalTlsFiles {
  /** The CA that signed the frontend's certificate; unset, the system's roots. */
  caFile?: string;
  /** The client certificate and key the frontend asks for (requireClientAuth): both or neither. */
  clientCert?: { certFile: string; keyFile: string };
  /** The name to check the frontend's certificate against, when it differs from TEMPORAL_ADDRESS's host. */
  serverName?: string;
}

export interface DatabaseSsl {
  /** disable: plaintext; require: encrypted, the server not checked; verify-full: CA and host name checked. */
  mode: 'disable' | 'require' | 'verify-full';
  /** The CA for verify-full; unset, the system's roots. */
  caFile?: string;
}

export interface AppConfig {
  env: RawConfig['NODE_ENV'];
  logLevel: RawConfig['LOG_LEVEL'];
  http: {
    host: string;
    port: number;
    bodyLimit: string;
    /** Browser origins allowed to call the API cross-origin; none by default. */
    corsOrigins: string[];
    /** Calls a minute per caller; 0 means no limit. */
    rateLimits: { loginPerMinute: number; submitPerMinute: number };
    /** The bearer token that opens /metrics and /health's details (Prometheus, operators); unset, neither is given. */
    opsToken?: string;
  };
  database: {
    url?: string;
    /** The schema owner's URL for migrations; unset, DATABASE_URL migrates (one role for everything). */
    migrationUrl?: string;
    /** The role granted its rows after migrating; unset, the user of DATABASE_URL. */
    runtimeRole?: string;
    poolSize: number;
    embeddedPort: number;
    embeddedDataDir: string;
    /** DATABASE_SSL_MODE and DATABASE_SSL_CA_FILE; the CA is read when the pool is made (libs/db/database-tls.ts). */
    ssl: DatabaseSsl;
  };
  dataDir: string;
  temporal: {
    address?: string;
    namespace: string;
    taskQueue: string;
    /**
     * How long the API waits for the review engine to confirm a call (a submission's first stage, a decision):
     * past it the caller gets 503 and retries with the same Idempotency-Key, instead of a call that hangs while
     * a workflow task waits on a full disk or a dead worker.
     */
    callTimeoutMs: number;
    devServer: { port: number; uiPort: number; dbFile: string };
    cliPath?: string;
    cacheDir?: string;
    /**
     * TLS to the frontend (TEMPORAL_TLS_*): file paths, read once at start-up by readTemporalTls
     * (libs/temporal/tls.ts). Unset means plaintext, which production accepts only with TEMPORAL_TLS=off.
     */
    tls?: TemporalTlsFiles;
    /**
     * Sign (API: the first) and verify (worker: all) the actor claims on decisions and the like. Unset in
     * production without REVIEW_CLAIM_KEYS: requireClaimKeys stops the API and worker from starting.
     */
    claimKeys?: readonly ClaimKey[];
    /** The payload codec's keys (PAYLOAD_KEYS, PAYLOAD_KEY_ID); a process refuses production without them. */
    payloadEncryption?: PayloadEncryption;
    worker: {
      /** Workflows kept in memory between tasks; an evicted one is replayed from its history on its next task. */
      maxCachedWorkflows: number;
      /** A prebuilt workflow bundle; by default the one `npm run build` writes, else bundled at start-up. */
      workflowBundlePath?: string;
      /** Threads that run workflow code; a review stays on the thread that first ran it while cached. */
      workflowThreads: number;
    };
    /** Set by TEMPORAL_MODE=cluster (npm run start:cluster): the app reaches the nodes on devServer.port. */
    cluster?: {
      nodes: number;
      basePort: number;
      dbUrl?: string;
      numHistoryShards: number;
      serverPath?: string;
      sqlToolPath?: string;
      rootDir: string;
    };
  };
  auth:
    | {
        mode: 'dev';
        devSecret?: string;
        /** Set when AUTH_MODE was not given: dev sign-in then runs on a loopback HOST only (requireSignInChoice). */
        byDefault?: true;
      }
    | {
        mode: 'oidc';
        issuer: string;
        audience: string;
        jwksUrl: string;
        /** How a first sign-in finds its user: the token's `claim` equals the user's `field`. */
        link: { claim: string; field: LinkField };
        /** Accepted `azp` values; undefined accepts any client. */
        clientIds?: string[];
        /** A first sign-in whose claim names nobody creates a user with no roles. */
        createUnknownUsers: boolean;
        /** What the web app signs in with (public client, PKCE); no client id: the web says sign-in is not set up. */
        web: { clientId?: string; scope: string };
      };
  /** Who grants access, shown to a signed-in person with no roles. */
  accessContact?: string;
  /** Days before a review period or exemption ends (with no extension) on which its watch warns; new watches only. */
  periodWarningDays: readonly number[];
  attachments: AttachmentsConfig;
  seedDemo: boolean;
  runMigrations: boolean;
  /** Notifications also go out as e-mail through this SMTP server; unset, they stay in the inbox only. */
  mail?: { url: string; from: string; publicUrl?: string };
}

export interface S3Settings {
  bucket: string;
  region: string;
  /** Unset: AWS itself. */
  endpoint?: string;
  forcePathStyle: boolean;
  /** Unset: the SDK's default chain (environment, instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

export interface AttachmentsConfig {
  maxBytes: number;
  perRequest: number;
  /** The metadata is always in PostgreSQL; the bytes in PostgreSQL (attachment_blobs) or an S3 bucket. */
  store: { kind: 'postgres' } | ({ kind: 's3' } & S3Settings);
}

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super('Invalid configuration:\n' + problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n'));
    this.name = 'ConfigError';
  }
}

/** Empty strings count as unset, as they do in most shells' `VAR= cmd`. */
function withoutEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')) as Record<
    string,
    string
  >;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = schema.safeParse(withoutEmpty(env));
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => ({
        variable: String(i.path[0] ?? '(environment)'),
        message: i.message,
      })),
    );
  }
  const c = parsed.data;
  if (c.MIGRATION_DATABASE_URL && !c.DATABASE_URL) {
    // The embedded PostgreSQL has one role; an owner URL beside it would migrate some other database.
    throw new ConfigError([
      {
        variable: 'MIGRATION_DATABASE_URL',
        message: 'needs DATABASE_URL, the runtime role it grants rows to',
      },
    ]);
  }
  const dataDir = c.DATA_DIR;
  return {
    env: c.NODE_ENV,
    logLevel: c.LOG_LEVEL,
    http: {
      host: c.HOST,
      port: c.PORT,
      bodyLimit: c.BODY_LIMIT,
      corsOrigins: c.CORS_ORIGINS,
      rateLimits: {
        loginPerMinute: c.RATE_LIMIT_LOGIN_PER_MINUTE,
        submitPerMinute: c.RATE_LIMIT_SUBMIT_PER_MINUTE,
      },
      opsToken: c.OPS_TOKEN,
    },
    database: {
      url: c.DATABASE_URL,
      migrationUrl: c.MIGRATION_DATABASE_URL,
      runtimeRole: c.DATABASE_RUNTIME_ROLE,
      poolSize: c.DATABASE_POOL_SIZE,
      embeddedPort: c.EMBEDDED_PG_PORT,
      embeddedDataDir: `${dataDir}/pg`,
      ssl: { mode: c.DATABASE_SSL_MODE ?? 'disable', caFile: c.DATABASE_SSL_CA_FILE },
    },
    dataDir,
    temporal: {
      address: c.TEMPORAL_ADDRESS,
      namespace: c.TEMPORAL_NAMESPACE,
      taskQueue: c.TEMPORAL_TASK_QUEUE,
      callTimeoutMs: c.TEMPORAL_CALL_TIMEOUT_SECONDS * 1000,
      devServer: { port: c.TEMPORAL_DEV_PORT, uiPort: c.TEMPORAL_UI_PORT, dbFile: `${dataDir}/temporal.db` },
      cliPath: c.TEMPORAL_CLI_PATH,
      cacheDir: c.PROVNING_CACHE_DIR,
      ...(c.TEMPORAL_TLS === 'on' || TEMPORAL_TLS_VARIABLES.some((v) => c[v])
        ? {
            tls: {
              caFile: c.TEMPORAL_TLS_CA_FILE,
              clientCert:
                c.TEMPORAL_TLS_CERT_FILE && c.TEMPORAL_TLS_KEY_FILE
                  ? { certFile: c.TEMPORAL_TLS_CERT_FILE, keyFile: c.TEMPORAL_TLS_KEY_FILE }
                  : undefined,
              serverName: c.TEMPORAL_TLS_SERVER_NAME,
            },
          }
        : {}),
      claimKeys: c.REVIEW_CLAIM_KEYS ?? (c.NODE_ENV === 'production' ? undefined : DEV_REVIEW_CLAIM_KEYS),
      payloadEncryption: c.PAYLOAD_KEYS && {
        keys: c.PAYLOAD_KEYS,
        encryptWith: c.PAYLOAD_KEY_ID ?? c.PAYLOAD_KEYS[0]!.id,
      },
      worker: {
        maxCachedWorkflows: c.WORKER_MAX_CACHED_WORKFLOWS,
        workflowBundlePath: c.WORKFLOW_BUNDLE_PATH,
        workflowThreads: c.WORKER_WORKFLOW_THREADS,
      },
      cluster:
        c.TEMPORAL_MODE === 'cluster'
          ? {
              nodes: c.TEMPORAL_NODES,
              basePort: c.TEMPORAL_CLUSTER_PORT,
              dbUrl: c.TEMPORAL_DB_URL,
              numHistoryShards: c.TEMPORAL_NUM_HISTORY_SHARDS,
              serverPath: c.TEMPORAL_SERVER_PATH,
              sqlToolPath: c.TEMPORAL_SQL_TOOL_PATH,
              rootDir: `${dataDir}/temporal-cluster`,
            }
          : undefined,
    },
    auth:
      c.AUTH_MODE !== 'oidc'
        ? { mode: 'dev', devSecret: c.AUTH_DEV_SECRET, ...(c.AUTH_MODE ? {} : { byDefault: true as const }) }
        : {
            mode: 'oidc',
            issuer: c.OIDC_ISSUER!,
            audience: c.OIDC_AUDIENCE!,
            jwksUrl: c.OIDC_JWKS_URL!,
            link: { claim: c.OIDC_LINK_CLAIM, field: c.OIDC_LINK_FIELD },
            ...(c.OIDC_CLIENT_IDS?.length ? { clientIds: c.OIDC_CLIENT_IDS } : {}),
            createUnknownUsers: c.OIDC_CREATE_UNKNOWN_USERS,
            web: { clientId: c.OIDC_WEB_CLIENT_ID ?? c.OIDC_CLIENT_IDS?.[0], scope: c.OIDC_WEB_SCOPE },
          },
    ...(c.ACCESS_CONTACT ? { accessContact: c.ACCESS_CONTACT } : {}),
    periodWarningDays: c.PERIOD_WARNING_DAYS ?? DEFAULT_PERIOD_WARNING_DAYS,
    attachments: {
      maxBytes: c.ATTACHMENT_MAX_BYTES,
      perRequest: c.ATTACHMENTS_PER_REQUEST,
      store:
        c.ATTACHMENT_STORE === 's3'
          ? {
              kind: 's3',
              bucket: c.S3_BUCKET!,
              region: c.S3_REGION,
              endpoint: c.S3_ENDPOINT,
              forcePathStyle: c.S3_FORCE_PATH_STYLE,
              credentials:
                c.S3_ACCESS_KEY_ID && c.S3_SECRET_ACCESS_KEY
                  ? { accessKeyId: c.S3_ACCESS_KEY_ID, secretAccessKey: c.S3_SECRET_ACCESS_KEY }
                  : undefined,
            }
          : { kind: 'postgres' },
    },
    seedDemo: c.SEED_DEMO,
    runMigrations: c.RUN_MIGRATIONS,
    ...(c.SMTP_URL
      ? { mail: { url: c.SMTP_URL, from: c.MAIL_FROM, ...(c.PUBLIC_URL ? { publicUrl: c.PUBLIC_URL } : {}) } }
      : {}),
  };
}

/**
 * Dev sign-in hands a password-less token for any seeded user (admin included) to whoever reaches the port, so
 * the API offers it only when AUTH_MODE=dev was chosen, or when it listens on loopback and nobody else can reach
 * it. Anything else is refused at start-up with a ConfigError naming AUTH_MODE.
 */
export function requireSignInChoice(config: AppConfig): void {
  if (config.auth.mode !== 'dev' || !config.auth.byDefault || isLoopback(config.http.host)) return;
  throw new ConfigError([
    {
      variable: 'AUTH_MODE',
      message:
        `must be set when the API listens on ${config.http.host}, beyond this machine: oidc to sign in through ` +
        'the identity provider, or dev to hand password-less demo tokens to anyone who reaches the port',
    },
  ]);
}

/**
 * The API and the worker run on their own only against given servers: the embedded ones belong to `npm start`.
 * Returns the two addresses, or throws a ConfigError naming what is missing.
 */
export function requireExternalServers(
  config: AppConfig,
  what: string,
): { databaseUrl: string; temporalAddress: string } {
  const missing = [
    ...(!config.database.url ? ['DATABASE_URL'] : []),
    ...(!config.temporal.address ? ['TEMPORAL_ADDRESS'] : []),
  ];
  if (missing.length) {
    throw new ConfigError(
      missing.map((variable) => ({ variable, message: `is required to run ${what} on its own` })),
    );
  }
  return { databaseUrl: config.database.url!, temporalAddress: config.temporal.address! };
}

/** The keys that sign and verify actor claims, or a ConfigError naming REVIEW_CLAIM_KEYS. */
export function requireClaimKeys(config: AppConfig): readonly ClaimKey[] {
  if (config.temporal.claimKeys) return config.temporal.claimKeys;
  throw new ConfigError([
    {
      variable: 'REVIEW_CLAIM_KEYS',
      message:
        'is required with NODE_ENV=production (kid:hexsecret, at least 32 bytes; API and worker share it)',
    },
  ]);
}
