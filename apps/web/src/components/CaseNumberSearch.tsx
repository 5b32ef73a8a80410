import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseCaseNumber } from '@domain/case-number';

/**
 * Finds a request by its case number, as a mail or a colleague quotes it (`2026-00042`, `2026-42`). The same
 * parser as the API's, so the box refuses here what the API would refuse, and says so beside the field.
 */
export function CaseNumberSearch({ onSearch }: { onSearch: (caseNumber: string | undefined) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState(false);
  return (
    <form
      className="case-number-search"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        const value = text.trim();
        if (value === '') {
          setInvalid(false);
          onSearch(undefined);
        } else if (parseCaseNumber(value)) {
          setInvalid(false);
          onSearch(value);
        } else setInvalid(true);
      }}
    >
      <div className={`field${invalid ? ' has-error' : ''}`}>
        <label htmlFor="case-number-search">{t('caseRef.caseNumberSearch')}</label>
        <input
          id="case-number-search"
          type="search"
          value={text}
          aria-invalid={invalid}
          aria-describedby="case-number-hint"
          onChange={(e) => setText(e.target.value)}
        />
        <p className={invalid ? 'field-error' : 'hint'} id="case-number-hint">
          {t('caseRef.caseNumberHint')}
        </p>
      </div>
      <button type="submit">{t('caseRef.search')}</button>
    </form>
  );
}
