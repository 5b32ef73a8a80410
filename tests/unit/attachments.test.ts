import {
  attachmentContext,
  attachmentNameProblem,
  contentDisposition,
  detectAttachmentType,
  SUBMISSION_ATTACH_WINDOW_MS,
} from '@domain/attachments';
import { aDocx, aJpeg, anOle2, anXlsx, aPdf, aPlainZip, aPng } from '../support/attachment-files';

describe('detectAttachmentType', () => {
  it('knows a PDF made by pdfkit, a PNG, a JPEG, an XLSX from exceljs and a DOCX by their content', async () => {
    expect(detectAttachmentType(await aPdf())).toBe('application/pdf');
    expect(detectAttachmentType(aPng())).toBe('image/png');
    expect(detectAttachmentType(aJpeg())).toBe('image/jpeg');
    expect(detectAttachmentType(await anXlsx())).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(detectAttachmentType(await aDocx())).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
  });

  it('tells an old Word file from an old Excel file by the stream their compound file names', () => {
    expect(detectAttachmentType(anOle2('WordDocument'))).toBe('application/msword');
    expect(detectAttachmentType(anOle2('Workbook'))).toBe('application/vnd.ms-excel');
    expect(detectAttachmentType(anOle2('PowerPoint Document'))).toBeUndefined();
  });

  it('refuses a ZIP that holds no word/ or xl/ part, text, an executable and nothing', async () => {
    expect(detectAttachmentType(await aPlainZip())).toBeUndefined();
    expect(detectAttachmentType(Buffer.from('<html><script>alert(1)</script></html>'))).toBeUndefined();
    expect(detectAttachmentType(Buffer.from('MZ\x90\x00\x03\x00', 'latin1'))).toBeUndefined();
    expect(detectAttachmentType(Buffer.alloc(0))).toBeUndefined();
  });

  it('refuses a ZIP that merely starts like one but has no readable directory', () => {
    const broken = Buffer.concat([
      Buffer.from([0x50, 0x4b, 0x03, 0x04]),
      Buffer.from('word/ xl/ '.repeat(10)),
    ]);
    expect(detectAttachmentType(broken)).toBeUndefined();
  });
});

describe('attachmentNameProblem', () => {
  it.each(['offert.pdf', 'Offert – Bemanning AB (v2).docx', 'å ä ö.xlsx'])('keeps %s', (name) => {
    expect(attachmentNameProblem(name)).toBeUndefined();
  });

  it.each([
    ['../../etc/passwd', /path/],
    ['mapp/offert.pdf', /path/],
    ['C:\\temp\\offert.pdf', /path/],
    ['..', /path/],
    ['offert\u0000.pdf', /control/],
    ['offert\n.pdf', /control/],
    ['   ', /empty/],
    ['a'.repeat(201), /longer than 200/],
  ])('refuses %j', (name, why) => {
    expect(attachmentNameProblem(name)).toMatch(why);
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name, with no quote that could end the header value', () => {
    expect(contentDisposition('Offert "å".pdf')).toBe(
      `attachment; filename="Offert ___.pdf"; filename*=UTF-8''Offert%20%22%C3%A5%22.pdf`,
    );
  });
});

describe('attachmentContext', () => {
  const submittedAt = new Date('2026-12-01T10:00:00Z');
  const base = { isRequester: false, isReviewer: false, status: 'in_review', submittedAt, now: submittedAt };

  it('lets the requester add the files of the submission while in review and answer a return with files', () => {
    expect(attachmentContext({ ...base, isRequester: true })).toBe('submission');
    expect(attachmentContext({ ...base, isRequester: true, status: 'returned' })).toBe('return_answer');
  });

  it('lets a reviewer add files while the request is in review, not once it is decided or returned', () => {
    expect(attachmentContext({ ...base, isReviewer: true })).toBe('review');
    expect(attachmentContext({ ...base, isReviewer: true, status: 'approved' })).toBeUndefined();
    expect(attachmentContext({ ...base, isReviewer: true, status: 'returned' })).toBeUndefined();
  });

  it('gives the requester a short window after a submission that needed no review, and nobody else anything', () => {
    const later = (ms: number) => new Date(submittedAt.getTime() + ms);
    const done = { ...base, isRequester: true, status: 'not_required' };
    expect(attachmentContext({ ...done, now: later(SUBMISSION_ATTACH_WINDOW_MS) })).toBe('submission');
    expect(attachmentContext({ ...done, now: later(SUBMISSION_ATTACH_WINDOW_MS + 1) })).toBeUndefined();
    expect(attachmentContext(base)).toBeUndefined();
  });
});
