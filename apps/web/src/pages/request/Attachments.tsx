import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router-dom';
import {
  type Attachment,
  downloadAttachment,
  useAttachments,
  useRemoveAttachment,
  useUploadAttachment,
} from '../../api/attachments';
import { ProblemError } from '../../api/problem';
import { Loading } from '../../components/Loading';
import { ProblemNotice } from '../../components/ProblemNotice';
import { useSession } from '../../auth/session';
import { useFormat } from '../../format/format';

type T = (key: string, options?: Record<string, unknown>) => string;

/** The API's defaults; the list answer carries the limits in force, which win once loaded. */
const DEFAULT_LIMITS = { maxBytes: 10 * 1024 * 1024, perRequest: 20 };
export const ACCEPT = '.pdf,.png,.jpg,.jpeg,.doc,.docx,.xls,.xlsx';

export const megabytes = (bytes: number) => Number((bytes / 1024 / 1024).toFixed(1));

export function fileSize(bytes: number, locale: string): string {
  if (bytes < 1024) return `${bytes} B`;
  const kb = bytes / 1024;
  if (kb < 1024) return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(kb)} kB`;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(kb / 1024)} MB`;
}

/** A refused upload in the user's language; anything unforeseen falls back to the general problem notice. */
export function attachmentProblem(error: unknown, limits: typeof DEFAULT_LIMITS, t: T): string | undefined {
  if (!(error instanceof ProblemError)) return undefined;
  if (error.status === 413) return t('attachments.problem.tooLarge', { max: megabytes(limits.maxBytes) });
  if (error.status === 415) return t('attachments.problem.wrongType');
  if (error.status === 409) return t('attachments.problem.tooMany', { count: limits.perRequest });
  if (error.status === 403) return t('attachments.problem.notAllowed');
  if (error.status === 400 && error.errors.some((e) => e.field === 'file.name'))
    return t('attachments.problem.badName');
  return undefined;
}

function AttachmentProblem({ error, limits }: { error: unknown; limits: typeof DEFAULT_LIMITS }) {
  const { t } = useTranslation();
  if (!error) return null;
  const message = attachmentProblem(error, limits, t as T);
  if (!message) return <ProblemNotice error={error} />;
  return (
    <div className="notice notice-error" role="alert">
      <p>{message}</p>
    </div>
  );
}

function AttachmentRow({ a, removable }: { a: Attachment; removable: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [error, setError] = useState<unknown>(null);
  const remove = useRemoveAttachment(a.requestId);
  return (
    <li>
      <button
        type="button"
        className="link-button"
        aria-label={t('attachments.download', { name: a.fileName })}
        onClick={() => {
          setError(null);
          downloadAttachment(a).catch(setError);
        }}
      >
        {a.fileName}
      </button>{' '}
      <span className="meta">
        {t('attachments.meta', {
          size: fileSize(a.sizeBytes, f.locale),
          who: a.uploadedBy.name ?? '–',
          when: f.dateTime(a.uploadedAt),
        })}{' '}
        ({t(`attachments.context.${a.context}`)})
      </span>
      {removable && (
        <>
          {' '}
          <button
            type="button"
            className="link-button"
            disabled={remove.isPending}
            onClick={() => remove.mutate(a)}
          >
            {t('attachments.remove', { name: a.fileName })}
          </button>
        </>
      )}
      <ProblemNotice error={error ?? remove.error} />
    </li>
  );
}

/** Choose and upload one file to an existing request. */
function UploadForm({ requestId, limits }: { requestId: string; limits: typeof DEFAULT_LIMITS }) {
  const { t } = useTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const upload = useUploadAttachment(requestId);
  const [added, setAdded] = useState<string | null>(null);
  return (
    <form
      className="attachment-upload"
      onSubmit={(e) => {
        e.preventDefault();
        const file = input.current?.files?.[0];
        if (!file) return;
        setAdded(null);
        upload.mutate(file, {
          onSuccess: (a) => {
            setAdded(a.fileName);
            if (input.current) input.current.value = '';
          },
        });
      }}
    >
      <label htmlFor={`${id}-file`}>{t('attachments.pick')}</label>
      <input id={`${id}-file`} ref={input} type="file" accept={ACCEPT} aria-describedby={`${id}-hint`} />
      <p className="hint" id={`${id}-hint`}>
        {t('attachments.pickHint', { max: megabytes(limits.maxBytes), count: limits.perRequest })}
      </p>
      <button type="submit" disabled={upload.isPending}>
        {upload.isPending ? t('attachments.uploading') : t('attachments.upload')}
      </button>
      {added && (
        <p role="status" className="notice notice-success">
          {t('attachments.added', { name: added })}
        </p>
      )}
      <AttachmentProblem error={upload.error} limits={limits} />
    </form>
  );
}

/**
 * The files of a request with download links, for everyone who may see it; with `canUpload`, a form to add one
 * (the requester in review or answering a return, a reviewer in review: the API decides in the end).
 */
export function Attachments({ requestId, canUpload }: { requestId: string; canUpload: boolean }) {
  const { t } = useTranslation();
  const location = useLocation();
  const list = useAttachments(requestId);
  const limits = list.data?.limits ?? DEFAULT_LIMITS;
  const notUploaded = (location.state as { attachmentsNotUploaded?: string[] } | null)
    ?.attachmentsNotUploaded;
  const headingId = useId();
  const session = useSession();
  return (
    <section aria-labelledby={headingId} className="attachments">
      <h2 id={headingId}>{t('attachments.title')}</h2>
      {notUploaded && notUploaded.length > 0 && (
        <div className="notice notice-error" role="alert">
          <p>{t('attachments.notUploaded', { names: notUploaded.join(', ') })}</p>
        </div>
      )}
      {list.isPending && <Loading />}
      <ProblemNotice error={list.error} />
      {list.data &&
        (list.data.items.length === 0 ? (
          <p>{t('attachments.none')}</p>
        ) : (
          <ul className="attachment-list">
            {list.data.items.map((a) => (
              <AttachmentRow key={a.id} a={a} removable={canUpload && a.uploadedBy.id === session.me?.id} />
            ))}
          </ul>
        ))}
      {canUpload && <UploadForm requestId={requestId} limits={limits} />}
    </section>
  );
}

/**
 * Files chosen on the new-request form, posted once the request exists (the API takes files on a request only).
 * Files over the size limit are refused here already, so a user learns before submitting.
 */
export function AttachmentPicker({ files, onChange }: { files: File[]; onChange: (files: File[]) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [tooLarge, setTooLarge] = useState<string[]>([]);
  return (
    <fieldset className="attachment-picker">
      <legend>{t('attachments.title')}</legend>
      <label htmlFor={`${id}-files`}>{t('attachments.pick')}</label>
      <input
        id={`${id}-files`}
        type="file"
        multiple
        accept={ACCEPT}
        aria-describedby={`${id}-hint`}
        onChange={(e) => {
          const chosen = [...(e.target.files ?? [])];
          setTooLarge(chosen.filter((f) => f.size > DEFAULT_LIMITS.maxBytes).map((f) => f.name));
          onChange([...files, ...chosen.filter((f) => f.size <= DEFAULT_LIMITS.maxBytes)]);
          e.target.value = '';
        }}
      />
      <p className="hint" id={`${id}-hint`}>
        {t('attachments.pickHint', {
          max: megabytes(DEFAULT_LIMITS.maxBytes),
          count: DEFAULT_LIMITS.perRequest,
        })}
      </p>
      {tooLarge.length > 0 && (
        <div className="notice notice-error" role="alert">
          <p>
            {t('attachments.problem.tooLarge', { max: megabytes(DEFAULT_LIMITS.maxBytes) })} (
            {tooLarge.join(', ')})
          </p>
        </div>
      )}
      {files.length > 0 && (
        <ul className="attachment-list" aria-label={t('attachments.chosen', { names: '' })}>
          {files.map((file, i) => (
            <li key={`${file.name}-${i}`}>
              {file.name}{' '}
              <button
                type="button"
                className="link-button"
                aria-label={t('attachments.remove', { name: file.name })}
                onClick={() => onChange(files.filter((_, j) => j !== i))}
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
