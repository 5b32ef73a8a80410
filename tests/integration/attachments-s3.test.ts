import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { existsSync } from 'node:fs';
import { S3AttachmentStore } from '@db/attachment-store/s3-store';
import { s3ServerPath, startS3Server, type RunningS3Server } from '@local/s3/s3-server';
import { anXlsx, aPdf } from '../support/attachment-files';
import { startTestApp, type TestApp } from '../support/app';
import { aCallOffBody, bearer, openReviewPeriod, unitIdsByCode } from '../support/http-fixtures';

jest.setTimeout(180_000);

/**
 * ATTACHMENT_STORE=s3 against a real S3-compatible server on this machine (gofakes3, built by
 * scripts/provision-s3-server.sh): the bytes go to the bucket, the metadata stays in PostgreSQL.
 */
const BUCKET = 'provning-bilagor';
const CREDENTIALS = { accessKeyId: 'provning-test', secretAccessKey: 'provning-test-secret' };
const binaryPresent = existsSync(s3ServerPath());
if (!binaryPresent)
  process.stderr.write(
    `[attachments-s3] SKIPPED: no S3 test server at ${s3ServerPath()}; run scripts/provision-s3-server.sh\n`,
  );

(binaryPresent ? describe : describe.skip)('the S3 attachment store (gofakes3 on loopback)', () => {
  let s3: RunningS3Server;
  let client: S3Client;
  beforeAll(async () => {
    s3 = (await startS3Server(BUCKET))!;
    client = new S3Client({
      region: 'us-east-1',
      endpoint: s3.endpoint,
      forcePathStyle: true,
      credentials: CREDENTIALS,
    });
  });
  afterAll(async () => {
    client?.destroy();
    await s3?.stop();
  });

  it('puts, gets and deletes by key, and answers undefined for a key it does not hold', async () => {
    const store = new S3AttachmentStore({
      bucket: BUCKET,
      region: 'us-east-1',
      endpoint: s3.endpoint,
      forcePathStyle: true,
      credentials: CREDENTIALS,
    });
    const bytes = await anXlsx();
    await store.put(
      'requests/x/1',
      bytes,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(Buffer.compare((await store.get('requests/x/1'))!, bytes)).toBe(0);
    await store.delete('requests/x/1');
    expect(await store.get('requests/x/1')).toBeUndefined();
    expect(await store.get('requests/never')).toBeUndefined();
    store.destroy();
  });

  describe('through the API', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({
        ATTACHMENT_STORE: 's3',
        S3_ENDPOINT: s3.endpoint,
        S3_BUCKET: BUCKET,
        S3_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
        S3_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
      });
      expect((await openReviewPeriod(t, 'agency_call_off')).status).toBe(201);
    });
    afterAll(() => t?.stop());

    it('keeps the bytes in the bucket and the metadata in PostgreSQL, and serves them back', async () => {
      const unitId = (await unitIdsByCode(t)).get('SOM-AKUT')!;
      const submitted = await t.http
        .post('/api/v1/requests')
        .set(await bearer(t, 'chef.akuten'))
        .send(aCallOffBody(unitId))
        .expect(201);
      const offer = await aPdf('Offert från Läkarbemanning AB');
      const added = await t.http
        .post(`/api/v1/requests/${submitted.body.id}/attachments`)
        .set(await bearer(t, 'chef.akuten'))
        .attach('file', offer, { filename: 'offert.pdf', contentType: 'application/pdf' })
        .expect(201);
      const key = `requests/${submitted.body.id}/${added.body.id}`;
      const object = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
      expect(Buffer.compare(Buffer.from(await object.Body!.transformToByteArray()), offer)).toBe(0);
      expect(object.ContentType).toBe('application/pdf');
      const [{ blobs }] = await t.db.dataSource.query(`SELECT count(*)::int AS blobs FROM attachment_blobs`);
      expect(blobs).toBe(0);
      const [meta] = await t.db.dataSource.query(
        `SELECT storage_key, sha256 FROM attachments WHERE id = $1`,
        [added.body.id],
      );
      expect(meta).toEqual({ storage_key: key, sha256: added.body.sha256 });

      const file = await t.http
        .get(`/api/v1/requests/${submitted.body.id}/attachments/${added.body.id}`)
        .set(await bearer(t, 'hr.somatik'))
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(Buffer.compare(file.body as Buffer, offer)).toBe(0);
    });

    it('puts nothing in the bucket for a refused file', async () => {
      const unitId = (await unitIdsByCode(t)).get('SOM-AKUT')!;
      const submitted = await t.http
        .post('/api/v1/requests')
        .set(await bearer(t, 'chef.akuten'))
        .send(aCallOffBody(unitId, { justification: 'En annan' }))
        .expect(201);
      const res = await t.http
        .post(`/api/v1/requests/${submitted.body.id}/attachments`)
        .set(await bearer(t, 'chef.akuten'))
        .attach('file', Buffer.from('not a document'), { filename: 'offert.docx' });
      expect(res.status).toBe(415);
      const listed = await client.send(
        new ListObjectsV2Command({ Bucket: BUCKET, Prefix: `requests/${submitted.body.id}/` }),
      );
      expect(listed.KeyCount ?? 0).toBe(0);
    });
  });
});
