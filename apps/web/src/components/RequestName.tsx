import { useTranslation } from 'react-i18next';

interface Named {
  caseNumber: string;
  summary: string;
  summaryEn: string;
}

/** The summary (title) in the reader's language: the API gives both (libs/domain/request-title.ts words them). */
export function useRequestTitle(): (r: Named) => string {
  const { i18n } = useTranslation();
  return (r) => (i18n.language.startsWith('en') ? r.summaryEn : r.summary);
}

/**
 * `2026-00042 · Sjuksköterska, Avd 4 (tillsvidare)`: how every list, notice and heading names a request. The case
 * number keeps its digits together (no break inside it) so a column of them lines up and reads at a glance.
 */
export function RequestName({ request }: { request: Named }) {
  const title = useRequestTitle();
  return (
    <>
      <span className="case-number">{request.caseNumber}</span>
      {title(request) && ` · ${title(request)}`}
    </>
  );
}
