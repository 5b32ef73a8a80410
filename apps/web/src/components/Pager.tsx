import { useTranslation } from 'react-i18next';
import { pageCount, type Page } from '@contracts/paging';

/** Previous and next through any list of the API: every list answers with the same page envelope. */
export function Pager({ list, onPage }: { list: Page<unknown>; onPage: (page: number) => void }) {
  const { t } = useTranslation();
  const { page } = list;
  const pages = pageCount(list);
  if (pages === 1) return null;
  return (
    <nav className="pager" aria-label={t('pager.label')}>
      <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t('pager.previous')}
      </button>
      <span>{t('pager.position', { page, pages })}</span>
      <button type="button" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t('pager.next')}
      </button>
    </nav>
  );
}
