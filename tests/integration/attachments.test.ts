import { aJpeg, aPdf, aPng } from '../support/attachment-files';
import { startTestApp, type TestApp } from '../support/app';
import { aHireBody, bearer, openReviewPeriod, unitIdsByCode } from '../support/http-fixtures';

jest.setTimeout(180_000);

/**
 * Files on a request through the HTTP API with the PostgreSQL store: who may add, list and download them, what
 * the download says about itself, and that every bad upload is a 4xx problem that stores nothing.
 */
const MAX_BYTES = 64 * 1024;
const PER_REQUEST = 4;

let t: TestApp;
let requestId: string;
let pdf: Buffer;
beforeAll(async () => {
  t = await startTestApp({
    ATTACHMENT_MAX_BYTES: String(MAX_BYTES),
    ATTACHMENTS_PER_REQUEST: String(PER_REQUEST),
  });
  expect((await openReviewPeriod(t, 'hire')).status).toBe(201);
  const unitId = (await unitIdsByCode(t)).get('SOM-AKUT')!;
  const submitted = await t.http
    .post('/api/v1/requests')
    .set(await bearer(t, 'chef.akuten'))
    .send(aHireBody(unitId))
    .expect(201);
  requestId = submitted.body.id;
  pdf = await aPdf();
});
afterAll(() => t?.stop());

const url = (id = requestId) => `/api/v1/requests/${id}/attachments`;
const upload = async (
  username: string,
  bytes: Buffer,
  options: { filename?: string; filepath?: string; contentType?: string } = { filename: 'offert.pdf' },
  id = requestId,
) =>
  t.http
    .post(url(id))
    .set(await bearer(t, username))
    .attach('file', bytes, { contentType: 'application/pdf', ...options });
const stored = async () => {
  const [{ files }] = await t.db.dataSource.query(
    `SELECT count(*)::int AS files FROM attachments WHERE request_id = $1`,
    [requestId],
  );
  const [{ blobs }] = await t.db.dataSource.query(`SELECT count(*)::int AS blobs FROM attachment_blobs`);
  return { files, blobs };
};

describe('adding, listing and downloading files', () => {
  let attachmentId: string;

  it('stores the requester’s PDF with the type read from its content, its size and SHA-256', async () => {
    const res = await upload('chef.akuten', pdf, {
      filename: 'Offert – Läkarbemanning.pdf',
      contentType: 'text/plain',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      requestId,
      fileName: 'Offert – Läkarbemanning.pdf',
      mediaType: 'application/pdf',
      sizeBytes: pdf.length,
      context: 'submission',
      stage: 'hr_review',
    });
    expect(res.body.sha256).toMatch(/^[0-9a-f]{64}$/);
    attachmentId = res.body.id;
  });

  it('lets the HR reviewer of the division list and download it, as an attachment that is not sniffed', async () => {
    const list = await t.http
      .get(url())
      .set(await bearer(t, 'hr.somatik'))
      .expect(200);
    expect(list.body.items.map((a: { id: string }) => a.id)).toEqual([attachmentId]);
    expect(list.body.limits).toEqual({ maxBytes: MAX_BYTES, perRequest: PER_REQUEST });
    const file = await t.http
      .get(`${url()}/${attachmentId}`)
      .set(await bearer(t, 'hr.somatik'))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(Buffer.compare(file.body as Buffer, pdf)).toBe(0);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['content-disposition']).toBe(
      `attachment; filename="Offert _ L_karbemanning.pdf"; filename*=UTF-8''Offert%20%E2%80%93%20L%C3%A4karbemanning.pdf`,
    );
  });

  it('records attachment_added with the name and size on the timeline', async () => {
    const timeline = await t.http
      .get(`/api/v1/requests/${requestId}/timeline`)
      .set(await bearer(t, 'hrchef'));
    const added = timeline.body.filter((e: { type: string }) => e.type === 'attachment_added');
    expect(added).toHaveLength(1);
    expect(added[0].data).toMatchObject({ fileName: 'Offert – Läkarbemanning.pdf', sizeBytes: pdf.length });
  });

  it('lets the reviewer add a file of the review, and refuses the follow-up role, which only reads', async () => {
    const res = await upload('hr.somatik', aPng(), { filename: 'schema.png' });
    expect([res.status, res.body.context, res.body.mediaType]).toEqual([201, 'review', 'image/png']);
    expect((await upload('styrgrupp', aJpeg(), { filename: 'bild.jpg' })).status).toBe(403);
    expect((await t.http.get(url()).set(await bearer(t, 'styrgrupp'))).status).toBe(200);
  });

  it('answers another division’s reviewer and requester 404 on list, download and upload, as for the request', async () => {
    const list = await t.http.get(url()).set(await bearer(t, 'chef.akuten'));
    const id = list.body.items[0].id;
    for (const username of ['hr.psykiatri', 'chef.psyk']) {
      const statuses = [
        (await t.http.get(url()).set(await bearer(t, username))).status,
        (await t.http.get(`${url()}/${id}`).set(await bearer(t, username))).status,
        (await upload(username, pdf)).status,
      ];
      expect([username, statuses]).toEqual([username, [404, 404, 404]]);
      expect((await t.http.get(url()).set(await bearer(t, username))).headers['content-type']).toMatch(
        /application\/problem\+json/,
      );
    }
  });

  it('answers 404 for an attachment of another request under this one', async () => {
    const unitId = (await unitIdsByCode(t)).get('SOM-AKUT')!;
    const other = await t.http
      .post('/api/v1/requests')
      .set(await bearer(t, 'chef.akuten'))
      .send(aHireBody(unitId, { justification: 'Ännu en' }))
      .expect(201);
    const added = await upload('chef.akuten', pdf, { filename: 'annan.pdf' }, other.body.id);
    expect(added.status).toBe(201);
    expect((await t.http.get(`${url()}/${added.body.id}`).set(await bearer(t, 'chef.akuten'))).status).toBe(
      404,
    );
  });
});

describe('removing a file', () => {
  it('lets the uploader remove their own file while the request is with them, and nobody else', async () => {
    const added = await upload('chef.akuten', pdf, { filename: 'fel-fil.pdf' });
    expect(added.status).toBe(201);
    const one = `${url()}/${added.body.id}`;
    expect((await t.http.delete(one).set(await bearer(t, 'hr.somatik'))).status).toBe(403);
    expect((await t.http.delete(one).set(await bearer(t, 'hr.psykiatri'))).status).toBe(404);
    const before = await stored();
    expect((await t.http.delete(one).set(await bearer(t, 'chef.akuten'))).status).toBe(204);
    expect(await stored()).toEqual({ files: before.files - 1, blobs: before.blobs - 1 });
    expect((await t.http.get(one).set(await bearer(t, 'chef.akuten'))).status).toBe(404);
    const timeline = await t.http
      .get(`/api/v1/requests/${requestId}/timeline`)
      .set(await bearer(t, 'hrchef'));
    const removed = timeline.body.filter((e: { type: string }) => e.type === 'attachment_removed');
    expect(removed.map((e: { data: { fileName: string } }) => e.data.fileName)).toEqual(['fel-fil.pdf']);
  });
});

describe('bad uploads: a 4xx problem naming the file, and nothing stored', () => {
  const refused = async (res: { status: number; headers: Record<string, string> }, status: number) => {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  };

  it('refuses a file over ATTACHMENT_MAX_BYTES with 413', async () => {
    const before = await stored();
    const big = Buffer.concat([pdf, Buffer.alloc(MAX_BYTES)]);
    const res = await upload('chef.akuten', big);
    await refused(res, 413);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'file' })]);
    expect(await stored()).toEqual(before);
  });

  it('refuses by content with 415 what the client calls a PDF: HTML, and a ZIP that is no Office file', async () => {
    const before = await stored();
    const html = Buffer.from('<html><script>alert(document.cookie)</script></html>');
    await refused(
      await upload('chef.akuten', html, { filename: 'offert.pdf', contentType: 'application/pdf' }),
      415,
    );
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, ...Buffer.from('word/document.xml')]);
    await refused(await upload('chef.akuten', zip, { filename: 'offert.docx' }), 415);
    expect(await stored()).toEqual(before);
  });

  it.each([
    ['../../etc/offert.pdf', { filepath: '../../etc/offert.pdf' }],
    ['a path with a backslash', { filename: 'C:\\temp\\offert.pdf' }],
    ['a name over 200 characters', { filename: `${'o'.repeat(201)}.pdf` }],
  ])('refuses %s with 400 naming file.name', async (_, options) => {
    const before = await stored();
    const res = await upload('chef.akuten', pdf, options);
    await refused(res, 400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'file.name' })]);
    expect(await stored()).toEqual(before);
  });

  it.each([
    ['a NUL', "filename*=UTF-8''offert%00.pdf"],
    ['a control character', "filename*=UTF-8''offert%01.pdf"],
    ['a percent-encoded slash', "filename*=UTF-8''..%2Fofferter%2Foffert.pdf"],
  ])('refuses a name with %s (sent as RFC 5987) with 400 naming file.name', async (_, parameter) => {
    const before = await stored();
    const boundary = 'provning-test-boundary';
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; ${parameter}\r\n` +
          'Content-Type: application/pdf\r\n\r\n',
      ),
      pdf,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await t.http
      .post(url())
      .set(await bearer(t, 'chef.akuten'))
      .set('Content-Type', `multipart/form-data; boundary=${boundary}`)
      .send(body);
    await refused(res, 400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'file.name' })]);
    expect(await stored()).toEqual(before);
  });

  it('refuses no file, two files and a JSON body', async () => {
    const auth = await bearer(t, 'chef.akuten');
    const none = await t.http.post(url()).set(auth).field('note', 'ingen fil');
    await refused(none, 400);
    expect(none.body.errors).toEqual([expect.objectContaining({ field: 'file' })]);
    const two = await t.http
      .post(url())
      .set(auth)
      .attach('file', pdf, { filename: 'a.pdf' })
      .attach('file', pdf, { filename: 'b.pdf' });
    await refused(two, 400);
    await refused(await t.http.post(url()).set(auth).send({ file: 'x' }), 415);
  });

  it('refuses a file past ATTACHMENTS_PER_REQUEST with 409, the others kept', async () => {
    let { files } = await stored();
    while (files < PER_REQUEST) {
      expect((await upload('chef.akuten', pdf, { filename: `bilaga-${files}.pdf` })).status).toBe(201);
      files += 1;
    }
    const before = await stored();
    const res = await upload('chef.akuten', pdf, { filename: 'en-för-mycket.pdf' });
    await refused(res, 409);
    expect(await stored()).toEqual(before);
  });
});
