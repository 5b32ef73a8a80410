import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AuditEntry, useAdminAudit } from '../api/people';
import { Loading } from '../components/Loading';
import { Pager } from '../components/Pager';
import { ProblemNotice } from '../components/ProblemNotice';
import { useFormat } from '../format/format';
import { diffSnapshots } from './audit/diff';

interface Grant {
  role: string;
  scopeCode: string | null;
  validFrom: string | null;
  validTo: string | null;
}

/** The admin audit log: who changed which unit, person or delegation when, and what before and after. */
export function AdminAuditPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const log = useAdminAudit(page);
  return (
    <section>
      <h1>{t('audit.title')}</h1>
      <p className="lead">{t('audit.intro')}</p>
      {log.isPending && <Loading />}
      <ProblemNotice error={log.error} />
      {log.data && log.data.items.length === 0 && <p className="empty">{t('audit.empty')}</p>}
      {log.data && log.data.items.length > 0 && (
        <>
          <table className="table">
            <caption className="visually-hidden">{t('audit.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.when')}</th>
                <th scope="col">{t('audit.who')}</th>
                <th scope="col">{t('audit.what')}</th>
                <th scope="col">{t('audit.changes')}</th>
              </tr>
            </thead>
            <tbody>
              {log.data.items.map((e) => (
                <AuditRow key={e.id} entry={e} />
              ))}
            </tbody>
          </table>
          <Pager list={log.data} onPage={setPage} />
        </>
      )}
    </section>
  );
}

function nameOf(e: AuditEntry): string {
  const s = (e.after ?? e.before) as Record<string, unknown> | null;
  const name = s?.name ?? s?.code ?? '';
  return typeof name === 'string' ? name : '';
}

function AuditRow({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const f = useFormat();
  const diff = diffSnapshots(entry.before, entry.after);
  const value = (v: unknown): string => {
    if (v === null || v === undefined || v === '') return '–';
    if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
    if (typeof v === 'object' && 'subject' in (v as object)) return (v as { subject: string }).subject;
    return typeof v === 'string' || typeof v === 'number' ? String(v) : JSON.stringify(v);
  };
  const grant = (g: unknown) => {
    const r = g as Grant;
    const period =
      r.validFrom || r.validTo
        ? ` (${r.validFrom ? f.date(r.validFrom) : ''} – ${r.validTo ? f.date(r.validTo) : ''})`
        : '';
    return `${t(`role.${r.role}`, { defaultValue: r.role })}, ${r.scopeCode ?? t('people.region')}${period}`;
  };
  const fieldLabel = (k: string) => t(`audit.field.${k}`, { defaultValue: k });
  return (
    <tr>
      <td>{f.dateTime(entry.at)}</td>
      <td>{entry.actorName ?? t('audit.importTool')}</td>
      <td>
        {t(`audit.entity.${entry.entity}`)}:{' '}
        {t(`audit.action.${entry.entity === 'user' && entry.action === 'end' ? 'endRole' : entry.action}`)}
        <br />
        <strong>{nameOf(entry)}</strong>
      </td>
      <td>
        <ul className="plain">
          {diff.fields.map((c) => (
            <li key={c.field}>
              {fieldLabel(c.field)}: {entry.before ? <del>{value(c.before)}</del> : null}
              {entry.before && entry.after ? ' → ' : ''}
              {entry.after ? <ins>{value(c.after)}</ins> : null}
            </li>
          ))}
          {diff.rolesAdded.map((g, i) => (
            <li key={`a${i}`}>
              {t('audit.roleAdded')}: <ins>{grant(g)}</ins>
            </li>
          ))}
          {diff.rolesChanged.map((c, i) => (
            <li key={`c${i}`}>
              {t('audit.roleChanged')}: <del>{grant(c.before)}</del> → <ins>{grant(c.after)}</ins>
            </li>
          ))}
          {diff.rolesRemoved.map((g, i) => (
            <li key={`r${i}`}>
              {t('audit.roleRemoved')}: <del>{grant(g)}</del>
            </li>
          ))}
        </ul>
      </td>
    </tr>
  );
}
