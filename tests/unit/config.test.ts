import {
  ConfigError,
  DEV_REVIEW_CLAIM_KEYS,
  loadConfig,
  requireClaimKeys,
  requireExternalServers,
  requireSignInChoice,
  type AppConfig,
} from '@config/config';

/** The ConfigError loadConfig throws for `env`; fails the test when it does not throw one. */
function configErrorFor(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError, but the configuration loaded');
}
const variablesNamed = (env: NodeJS.ProcessEnv) => configErrorFor(env).problems.map((p) => p.variable);

const OIDC = {
  AUTH_MODE: 'oidc',
  OIDC_ISSUER: 'https://login.region.se/realms/provning',
  OIDC_AUDIENCE: 'provning-api',
  OIDC_JWKS_URL: 'https://login.region.se/realms/provning/protocol/openid-connect/certs',
};

const DEFAULTS: AppConfig = {
  env: 'development',
  logLevel: 'info',
  http: {
    host: '0.0.0.0',
    port: 3000,
    bodyLimit: '100kb',
    corsOrigins: [],
    rateLimits: { loginPerMinute: 60, submitPerMinute: 300 },
  },
  database: {
    url: undefined,
    poolSize: 10,
    embeddedPort: 54329,
    embeddedDataDir: '.data/pg',
    ssl: { mode: 'disable', caFile: undefined },
  },
  dataDir: '.data',
  temporal: {
    address: undefined,
    namespace: 'default',
    taskQueue: 'review',
    callTimeoutMs: 20_000,
    devServer: { port: 7233, uiPort: 8233, dbFile: '.data/temporal.db' },
    cliPath: undefined,
    cacheDir: undefined,
    claimKeys: DEV_REVIEW_CLAIM_KEYS,
    worker: { maxCachedWorkflows: 1000, workflowBundlePath: undefined, workflowThreads: 1 },
  },
  auth: { mode: 'dev', devSecret: undefined, byDefault: true },
  periodWarningDays: [60, 30, 14, 7],
  attachments: { maxBytes: 10 * 1024 * 1024, perRequest: 20, store: { kind: 'postgres' } },
  seedDemo: true,
  runMigrations: true,
};

describe('loadConfig: defaults', () => {
  it('runs on an empty environment with the documented defaults', () => {
    expect(loadConfig({})).toEqual(DEFAULTS);
  });

  it('treats empty strings as unset', () => {
    const env = {
      PORT: '',
      AUTH_MODE: '',
      DATABASE_URL: '',
      TEMPORAL_ADDRESS: '',
      SEED_DEMO: '',
      NODE_ENV: '',
    };
    expect(loadConfig(env)).toEqual(DEFAULTS);
  });

  it('ignores variables it does not know', () => {
    expect(loadConfig({ PATH: '/usr/bin', HOME: '/home/x', TZ: 'UTC' })).toEqual(DEFAULTS);
  });

  it('derives the embedded database and Temporal files from DATA_DIR', () => {
    const config = loadConfig({ DATA_DIR: '/var/lib/provning' });
    expect(config.dataDir).toBe('/var/lib/provning');
    expect(config.database.embeddedDataDir).toBe('/var/lib/provning/pg');
    expect(config.temporal.devServer.dbFile).toBe('/var/lib/provning/temporal.db');
  });
});

describe('loadConfig: values', () => {
  it('reads every setting it is given', () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'debug',
      HOST: '127.0.0.1',
      PORT: '8080',
      BODY_LIMIT: '1mb',
      DATABASE_URL: 'postgres://provning:secret@db.internal:5432/provning',
      DATABASE_POOL_SIZE: '25',
      EMBEDDED_PG_PORT: '55000',
      TEMPORAL_ADDRESS: 'temporal.internal:7233',
      TEMPORAL_NAMESPACE: 'provning',
      TEMPORAL_TASK_QUEUE: 'review-v2',
      TEMPORAL_CALL_TIMEOUT_SECONDS: '45',
      TEMPORAL_DEV_PORT: '7300',
      TEMPORAL_UI_PORT: '8300',
      TEMPORAL_CLI_PATH: '/opt/temporal/bin/temporal',
      PROVNING_CACHE_DIR: '/tmp/cache',
      WORKER_MAX_CACHED_WORKFLOWS: '0',
      WORKFLOW_BUNDLE_PATH: '/opt/provning/workflow-bundle.js',
      WORKER_WORKFLOW_THREADS: '2',
      AUTH_MODE: 'dev',
      AUTH_DEV_SECRET: 's'.repeat(32),
      SEED_DEMO: 'false',
      RUN_MIGRATIONS: 'no',
      PERIOD_WARNING_DAYS: '45,10',
    });
    expect(config).toEqual({
      env: 'test',
      logLevel: 'debug',
      http: {
        host: '127.0.0.1',
        port: 8080,
        bodyLimit: '1mb',
        corsOrigins: [],
        rateLimits: { loginPerMinute: 60, submitPerMinute: 300 },
      },
      database: {
        url: 'postgres://provning:secret@db.internal:5432/provning',
        poolSize: 25,
        embeddedPort: 55000,
        embeddedDataDir: '.data/pg',
        ssl: { mode: 'disable', caFile: undefined },
      },
      dataDir: '.data',
      temporal: {
        address: 'temporal.internal:7233',
        namespace: 'provning',
        taskQueue: 'review-v2',
        callTimeoutMs: 45_000,
        devServer: { port: 7300, uiPort: 8300, dbFile: '.data/temporal.db' },
        cliPath: '/opt/temporal/bin/temporal',
        cacheDir: '/tmp/cache',
        claimKeys: DEV_REVIEW_CLAIM_KEYS,
        worker: {
          maxCachedWorkflows: 0,
          workflowBundlePath: '/opt/provning/workflow-bundle.js',
          workflowThreads: 2,
        },
      },
      auth: { mode: 'dev', devSecret: 's'.repeat(32) },
      periodWarningDays: [45, 10],
      attachments: { maxBytes: 10 * 1024 * 1024, perRequest: 20, store: { kind: 'postgres' } },
      seedDemo: false,
      runMigrations: false,
    });
  });

  it.each([
    ['true', true],
    ['1', true],
    ['yes', true],
    ['false', false],
    ['0', false],
    ['no', false],
  ])('reads boolean %p as %p', (value, expected) => {
    expect(loadConfig({ SEED_DEMO: value, RUN_MIGRATIONS: value })).toMatchObject({
      seedDemo: expected,
      runMigrations: expected,
    });
  });

  it.each(['postgres://localhost/provning', 'postgresql://u:p@localhost:5432/provning'])(
    'accepts DATABASE_URL %s',
    (url) => {
      expect(loadConfig({ DATABASE_URL: url }).database.url).toBe(url);
    },
  );

  it("reads the schema owner's MIGRATION_DATABASE_URL and DATABASE_RUNTIME_ROLE beside DATABASE_URL", () => {
    const database = loadConfig({
      DATABASE_URL: 'postgres://provning:a@db:5432/provning',
      MIGRATION_DATABASE_URL: 'postgres://provning_owner:b@db:5432/provning',
      DATABASE_RUNTIME_ROLE: 'provning',
    }).database;
    expect(database).toMatchObject({
      migrationUrl: 'postgres://provning_owner:b@db:5432/provning',
      runtimeRole: 'provning',
    });
  });

  it('refuses MIGRATION_DATABASE_URL without DATABASE_URL: the embedded PostgreSQL has one role', () => {
    expect(variablesNamed({ MIGRATION_DATABASE_URL: 'postgres://owner:b@db:5432/provning' })).toEqual([
      'MIGRATION_DATABASE_URL',
    ]);
  });

  it.each(['bad role', 'x;DROP', '"quoted"'])('refuses DATABASE_RUNTIME_ROLE=%s', (role) => {
    expect(variablesNamed({ DATABASE_RUNTIME_ROLE: role })).toEqual(['DATABASE_RUNTIME_ROLE']);
  });

  it.each(['1', '65535'])('accepts PORT %s at the ends of the range', (port) => {
    expect(loadConfig({ PORT: port }).http.port).toBe(Number(port));
  });
});

describe('PERIOD_WARNING_DAYS', () => {
  it('warns 60, 30, 14 and 7 days ahead by default', () => {
    expect(loadConfig({}).periodWarningDays).toEqual([60, 30, 14, 7]);
  });

  it('takes lead times in any order, furthest first without repeats', () => {
    expect(loadConfig({ PERIOD_WARNING_DAYS: '7, 90,30,7' }).periodWarningDays).toEqual([90, 30, 7]);
  });

  it.each(['0', '-3', '1.5', 'sixty', '60,,7', '400'])('refuses PERIOD_WARNING_DAYS=%s', (value) => {
    expect(variablesNamed({ PERIOD_WARNING_DAYS: value })).toEqual(['PERIOD_WARNING_DAYS']);
  });
});

describe('loadConfig: bad values name the variable', () => {
  it.each(['abc', '0', '65536', '80.5', '-1', 'eighty'])('refuses PORT=%s', (value) => {
    const error = configErrorFor({ PORT: value });
    expect(error.problems.map((p) => p.variable)).toEqual(['PORT']);
    expect(error.message).toContain('PORT:');
  });

  it.each(['-1', '1.5', 'many', '100001'])('refuses WORKER_MAX_CACHED_WORKFLOWS=%s', (value) => {
    expect(variablesNamed({ WORKER_MAX_CACHED_WORKFLOWS: value })).toEqual(['WORKER_MAX_CACHED_WORKFLOWS']);
  });

  it.each(['0', '17', '1.5'])('refuses WORKER_WORKFLOW_THREADS=%s', (value) => {
    expect(variablesNamed({ WORKER_WORKFLOW_THREADS: value })).toEqual(['WORKER_WORKFLOW_THREADS']);
  });

  it.each(['EMBEDDED_PG_PORT', 'TEMPORAL_DEV_PORT', 'TEMPORAL_UI_PORT'])(
    'refuses a bad port in %s',
    (variable) => {
      expect(variablesNamed({ [variable]: '70000' })).toEqual([variable]);
    },
  );

  it.each([
    ['mysql://localhost/provning', 'must start with postgres: or postgresql:'],
    ['http://localhost:5432/provning', 'must start with postgres: or postgresql:'],
    ['localhost:5432', 'must start with postgres: or postgresql:'],
    ['not a url', 'must be a URL'],
  ])('refuses DATABASE_URL=%s', (value, message) => {
    const error = configErrorFor({ DATABASE_URL: value });
    expect(error.problems.every((p) => p.variable === 'DATABASE_URL')).toBe(true);
    expect(error.problems.map((p) => p.message)).toContain(message);
    expect(error.message).toContain(`DATABASE_URL: ${message}`);
  });

  it.each(['localhost', 'http://localhost:7233', 'localhost:port', 'local host:7233', 'localhost:123456'])(
    'refuses TEMPORAL_ADDRESS=%s: it must be host:port',
    (value) => {
      expect(configErrorFor({ TEMPORAL_ADDRESS: value }).problems).toEqual([
        { variable: 'TEMPORAL_ADDRESS', message: 'must be host:port' },
      ]);
    },
  );

  it.each(['0', '601', '2.5', 'soon'])(
    'refuses TEMPORAL_CALL_TIMEOUT_SECONDS=%s, naming the range',
    (value) => {
      expect(configErrorFor({ TEMPORAL_CALL_TIMEOUT_SECONDS: value }).problems).toEqual([
        { variable: 'TEMPORAL_CALL_TIMEOUT_SECONDS', message: 'must be a whole number of seconds, 1–600' },
      ]);
    },
  );

  it.each(['SEED_DEMO', 'RUN_MIGRATIONS'])('refuses a boolean %s that is not true or false', (variable) => {
    for (const value of ['maybe', 'on', '2']) {
      const error = configErrorFor({ [variable]: value });
      expect(error.problems).toEqual([{ variable, message: 'must be true or false' }]);
      expect(error.message).toContain(`${variable}: must be true or false`);
    }
  });

  it.each([
    ['NODE_ENV', 'staging'],
    ['LOG_LEVEL', 'verbose'],
    ['AUTH_MODE', 'basic'],
    ['BODY_LIMIT', '1 GB'],
    ['DATABASE_POOL_SIZE', '0'],
    ['DATABASE_POOL_SIZE', '201'],
    ['DATABASE_POOL_SIZE', 'many'],
    ['AUTH_DEV_SECRET', 'too-short'],
  ])('refuses %s=%s', (variable, value) => {
    expect(variablesNamed({ [variable]: value })).toEqual([variable]);
  });

  it('names every bad variable at once', () => {
    expect(variablesNamed({ PORT: 'x', DATABASE_URL: 'mysql://h/d', SEED_DEMO: 'maybe' }).sort()).toEqual([
      'DATABASE_URL',
      'PORT',
      'SEED_DEMO',
    ]);
  });

  it('is a ConfigError listing each problem on its own line', () => {
    const error = configErrorFor({ PORT: '0', TEMPORAL_ADDRESS: 'localhost' });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ConfigError');
    expect(error.message).toBe(
      'Invalid configuration:\n  PORT: must be 1–65535\n  TEMPORAL_ADDRESS: must be host:port',
    );
  });
});

describe('loadConfig: sign-in', () => {
  it('refuses dev sign-in with NODE_ENV=production', () => {
    const error = configErrorFor({ NODE_ENV: 'production', AUTH_MODE: 'dev' });
    expect(error.problems).toEqual([
      {
        variable: 'AUTH_MODE',
        message: 'dev sign-in is not allowed with NODE_ENV=production; use AUTH_MODE=oidc',
      },
    ]);
    expect(error.message).toContain('AUTH_MODE:');
  });

  it('refuses production with no AUTH_MODE, since dev is the default', () => {
    expect(variablesNamed({ NODE_ENV: 'production' })).toEqual(['AUTH_MODE']);
  });

  it('accepts production with OIDC sign-in', () => {
    expect(loadConfig({ NODE_ENV: 'production', ...OIDC }).auth).toEqual({
      mode: 'oidc',
      issuer: OIDC.OIDC_ISSUER,
      audience: OIDC.OIDC_AUDIENCE,
      jwksUrl: OIDC.OIDC_JWKS_URL,
      link: { claim: 'preferred_username', field: 'username' },
      createUnknownUsers: true,
      web: { scope: 'openid profile email' },
    });
  });

  it('serves the web app the client it signs in with: OIDC_WEB_CLIENT_ID, else the first of OIDC_CLIENT_IDS', () => {
    expect(loadConfig({ ...OIDC, OIDC_CLIENT_IDS: 'provning-web,provning-app' }).auth).toMatchObject({
      web: { clientId: 'provning-web' },
    });
    expect(
      loadConfig({
        ...OIDC,
        OIDC_CLIENT_IDS: 'provning-app',
        OIDC_WEB_CLIENT_ID: 'web',
        OIDC_WEB_SCOPE: 'openid',
      }).auth,
    ).toMatchObject({ web: { clientId: 'web', scope: 'openid' } });
  });

  it('creates unknown users on first sign-in unless OIDC_CREATE_UNKNOWN_USERS=false', () => {
    expect(loadConfig({ ...OIDC, OIDC_CREATE_UNKNOWN_USERS: 'false' }).auth).toMatchObject({
      createUnknownUsers: false,
    });
  });

  it('links first sign-ins by the configured claim and field, and takes tokens of the configured clients only', () => {
    const auth = loadConfig({
      ...OIDC,
      OIDC_LINK_CLAIM: 'employeeHsaId',
      OIDC_LINK_FIELD: 'employeeId',
      OIDC_CLIENT_IDS: 'provning-web, provning-app',
    }).auth;
    expect(auth).toMatchObject({
      link: { claim: 'employeeHsaId', field: 'employeeId' },
      clientIds: ['provning-web', 'provning-app'],
    });
  });

  it('refuses OIDC_LINK_FIELD outside username, email, employeeId', () => {
    expect(variablesNamed({ ...OIDC, OIDC_LINK_FIELD: 'displayName' })).toEqual(['OIDC_LINK_FIELD']);
  });

  it.each(['OIDC_ISSUER', 'OIDC_JWKS_URL'])('%s must be https in production', (variable) => {
    const env = { NODE_ENV: 'production', ...OIDC, [variable]: 'http://login.region.se/realms/provning' };
    expect(variablesNamed(env)).toEqual([variable]);
  });

  it.each(['OIDC_ISSUER', 'OIDC_AUDIENCE', 'OIDC_JWKS_URL'])('OIDC sign-in requires %s', (variable) => {
    for (const env of [
      { ...OIDC, [variable]: undefined },
      { ...OIDC, [variable]: '' },
    ]) {
      const error = configErrorFor(env);
      expect(error.problems).toEqual([{ variable, message: 'required when AUTH_MODE=oidc' }]);
      expect(error.message).toContain(`${variable}: required when AUTH_MODE=oidc`);
    }
  });

  it('names all three OIDC variables when none is set', () => {
    expect(variablesNamed({ AUTH_MODE: 'oidc' })).toEqual(['OIDC_ISSUER', 'OIDC_AUDIENCE', 'OIDC_JWKS_URL']);
  });

  it.each(['OIDC_ISSUER', 'OIDC_JWKS_URL'])('%s must be an http or https URL', (variable) => {
    expect(variablesNamed({ ...OIDC, [variable]: 'ftp://login.region.se/' })).toEqual([variable]);
    expect(variablesNamed({ ...OIDC, [variable]: 'login.region.se' })).toContain(variable);
  });

  it('does not need the OIDC variables in dev mode', () => {
    expect(loadConfig({ AUTH_MODE: 'dev' }).auth).toEqual({ mode: 'dev', devSecret: undefined });
  });
});

describe('requireSignInChoice: dev sign-in only when chosen or on loopback', () => {
  it('refuses an API on every address with no AUTH_MODE, naming AUTH_MODE', () => {
    for (const env of [{}, { HOST: '0.0.0.0' }, { HOST: '10.1.2.3' }, { HOST: '::' }]) {
      let error: unknown;
      try {
        requireSignInChoice(loadConfig(env));
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual([
        { variable: 'AUTH_MODE', message: expect.stringContaining('oidc') },
      ]);
    }
  });

  it('lets dev sign-in run when AUTH_MODE=dev is set, or when the API listens on loopback only', () => {
    for (const env of [
      { AUTH_MODE: 'dev' },
      { AUTH_MODE: 'dev', HOST: '0.0.0.0' },
      { HOST: '127.0.0.1' },
      { HOST: 'localhost' },
      { HOST: '::1' },
      OIDC,
    ])
      expect(() => requireSignInChoice(loadConfig(env))).not.toThrow();
  });
});

describe('loadConfig: payload keys', () => {
  const K1 = Buffer.alloc(32, 1).toString('base64');
  const K2 = Buffer.alloc(32, 2).toString('base64');

  it('encrypts with the only key when PAYLOAD_KEY_ID is unset', () => {
    expect(loadConfig({ PAYLOAD_KEYS: `2026-01:${K1}` }).temporal.payloadEncryption).toEqual({
      keys: [{ id: '2026-01', key: Buffer.alloc(32, 1) }],
      encryptWith: '2026-01',
    });
  });

  it('keeps every key for decoding and encrypts with PAYLOAD_KEY_ID (a rotation)', () => {
    const c = loadConfig({ PAYLOAD_KEYS: `2026-01:${K1}, 2026-07:${K2}`, PAYLOAD_KEY_ID: '2026-07' });
    expect(c.temporal.payloadEncryption?.keys.map((k) => k.id)).toEqual(['2026-01', '2026-07']);
    expect(c.temporal.payloadEncryption?.encryptWith).toBe('2026-07');
  });

  it('has no keys by default (npm start generates one; production refuses at start-up)', () => {
    expect(loadConfig({}).temporal.payloadEncryption).toBeUndefined();
  });

  it.each([
    ['a key that is not 32 bytes', `k:${Buffer.alloc(16).toString('base64')}`, /32 bytes in base64/],
    ['a key that is not base64', 'k:not base64!', /32 bytes in base64/],
    ['an entry without an id', K1, /key id|32 bytes/],
    ['a key id with a space', `my key:${K1}`, /key id must be/],
    ['the same id twice', `k:${K1},k:${K2}`, /appears twice/],
  ])('refuses PAYLOAD_KEYS with %s, naming the form', (_, value, message) => {
    const [problem] = configErrorFor({ PAYLOAD_KEYS: value }).problems;
    expect(problem).toEqual({ variable: 'PAYLOAD_KEYS', message: expect.stringMatching(message) });
    expect(problem!.message).toContain('id:base64,id:base64');
  });

  it('needs PAYLOAD_KEY_ID to choose among several keys, and one that PAYLOAD_KEYS holds', () => {
    expect(variablesNamed({ PAYLOAD_KEYS: `a:${K1},b:${K2}` })).toEqual(['PAYLOAD_KEY_ID']);
    const [problem] = configErrorFor({ PAYLOAD_KEYS: `a:${K1},b:${K2}`, PAYLOAD_KEY_ID: 'c' }).problems;
    expect(problem).toEqual({
      variable: 'PAYLOAD_KEY_ID',
      message: 'must be one of the ids in PAYLOAD_KEYS (a, b)',
    });
    expect(variablesNamed({ PAYLOAD_KEY_ID: 'a' })).toEqual(['PAYLOAD_KEY_ID']);
  });
});

describe('loadConfig: mail', () => {
  it('sends no mail when SMTP_URL is unset, whatever MAIL_FROM says', () => {
    expect(loadConfig({}).mail).toBeUndefined();
    expect(loadConfig({ MAIL_FROM: 'hr@region.se' }).mail).toBeUndefined();
  });

  it.each(['smtp://localhost:2525', 'smtps://user:secret@smtp.region.se:465', 'smtp://mail.internal'])(
    'accepts SMTP_URL %s, with the default sender',
    (url) => {
      expect(loadConfig({ SMTP_URL: url }).mail).toEqual({ url, from: 'Prövning <no-reply@provning.local>' });
    },
  );

  it.each(['Prövning <provning@rvn.se>', 'provning@rvn.se'])('reads MAIL_FROM %s', (from) => {
    expect(loadConfig({ SMTP_URL: 'smtp://localhost:25', MAIL_FROM: from }).mail).toEqual({
      url: 'smtp://localhost:25',
      from,
    });
  });

  it('links the mails to PUBLIC_URL, without a trailing slash', () => {
    expect(
      loadConfig({ SMTP_URL: 'smtp://localhost:25', PUBLIC_URL: 'https://provning.rvn.se/' }).mail,
    ).toEqual({
      url: 'smtp://localhost:25',
      from: 'Prövning <no-reply@provning.local>',
      publicUrl: 'https://provning.rvn.se',
    });
  });

  it.each(['provning.rvn.se', 'ftp://provning.rvn.se', 'https://provning.rvn.se/?x=1'])(
    'refuses PUBLIC_URL=%s',
    (value) => {
      expect(new Set(variablesNamed({ PUBLIC_URL: value }))).toEqual(new Set(['PUBLIC_URL']));
    },
  );

  it('needs an https PUBLIC_URL with SMTP_URL in production', () => {
    const env = { NODE_ENV: 'production', ...OIDC, SMTP_URL: 'smtp://mail.internal' };
    expect(variablesNamed(env)).toContain('PUBLIC_URL');
    expect(variablesNamed({ ...env, PUBLIC_URL: 'http://provning.rvn.se' })).toContain('PUBLIC_URL');
    expect(loadConfig({ ...env, PUBLIC_URL: 'https://provning.rvn.se' }).mail?.publicUrl).toBe(
      'https://provning.rvn.se',
    );
  });

  it.each(['http://localhost:25', 'localhost:25', 'mailto:hr@region.se', 'not a url'])(
    'refuses SMTP_URL=%s',
    (value) => {
      expect(new Set(variablesNamed({ SMTP_URL: value }))).toEqual(new Set(['SMTP_URL']));
    },
  );

  it.each(['Prövning', 'no-reply', 'Prövning <no-reply>'])(
    'refuses MAIL_FROM=%s without an address',
    (value) => {
      expect(variablesNamed({ SMTP_URL: 'smtp://localhost:25', MAIL_FROM: value })).toEqual(['MAIL_FROM']);
    },
  );
});

describe('requireExternalServers', () => {
  it('names each missing server variable for a standalone API or worker', () => {
    const config = loadConfig({});
    expect(() => requireExternalServers(config, 'the API')).toThrow(
      /DATABASE_URL: is required to run the API on its own\n.*TEMPORAL_ADDRESS: is required/,
    );
    const given = loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/x', TEMPORAL_ADDRESS: 'temporal:7233' });
    expect(requireExternalServers(given, 'the worker')).toEqual({
      databaseUrl: 'postgres://u:p@db:5432/x',
      temporalAddress: 'temporal:7233',
    });
  });
});

describe('REVIEW_CLAIM_KEYS', () => {
  const key = `k2026:${'ab'.repeat(32)}`;

  it('is read as key id and secret pairs, the first one signing', () => {
    expect(loadConfig({ REVIEW_CLAIM_KEYS: `${key},k2025:${'cd'.repeat(32)}` }).temporal.claimKeys).toEqual([
      { kid: 'k2026', secret: 'ab'.repeat(32) },
      { kid: 'k2025', secret: 'cd'.repeat(32) },
    ]);
  });

  it.each(['k1', `k1:${'ab'.repeat(8)}`, 'k1:not-hex'])('refuses %s, naming the variable', (value) => {
    expect(variablesNamed({ REVIEW_CLAIM_KEYS: value })).toEqual(['REVIEW_CLAIM_KEYS']);
  });

  it('has no default in production: the API and worker refuse to start without it', () => {
    const config = loadConfig({ NODE_ENV: 'production', ...OIDC });
    expect(config.temporal.claimKeys).toBeUndefined();
    expect(() => requireClaimKeys(config)).toThrow(/REVIEW_CLAIM_KEYS/);
    expect(requireClaimKeys(loadConfig({ NODE_ENV: 'production', ...OIDC, REVIEW_CLAIM_KEYS: key }))).toEqual(
      [{ kid: 'k2026', secret: 'ab'.repeat(32) }],
    );
  });
});

describe('attachments', () => {
  it('reads the limits and the S3 store, with its credentials', () => {
    const config = loadConfig({
      ATTACHMENT_MAX_BYTES: '2048',
      ATTACHMENTS_PER_REQUEST: '3',
      ATTACHMENT_STORE: 's3',
      S3_BUCKET: 'provning-bilagor',
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      S3_ACCESS_KEY_ID: 'id',
      S3_SECRET_ACCESS_KEY: 'secret',
    });
    expect(config.attachments).toEqual({
      maxBytes: 2048,
      perRequest: 3,
      store: {
        kind: 's3',
        bucket: 'provning-bilagor',
        region: 'us-east-1',
        endpoint: 'http://127.0.0.1:9000',
        forcePathStyle: true,
        credentials: { accessKeyId: 'id', secretAccessKey: 'secret' },
      },
    });
  });

  it('needs a bucket for the S3 store, and both halves of a credential', () => {
    expect(variablesNamed({ ATTACHMENT_STORE: 's3' })).toEqual(['S3_BUCKET']);
    expect(variablesNamed({ S3_ACCESS_KEY_ID: 'id' })).toEqual(['S3_SECRET_ACCESS_KEY']);
    expect(variablesNamed({ ATTACHMENT_STORE: 'disk' })).toEqual(['ATTACHMENT_STORE']);
    expect(variablesNamed({ ATTACHMENT_MAX_BYTES: '10' })).toEqual(['ATTACHMENT_MAX_BYTES']);
  });
});
