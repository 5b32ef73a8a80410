import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { submittableUnits, useOrg } from '../api/org';
import { useSession } from '../auth/session';
import { Loading } from '../components/Loading';
import { ProblemNotice } from '../components/ProblemNotice';
import { CallOffForm } from './new-request/CallOffForm';
import { HireForm } from './new-request/HireForm';

export function NewRequestPage() {
  const { t } = useTranslation();
  const session = useSession();
  const org = useOrg('open');
  const [params] = useSearchParams();
  const kind = params.get('kind') === 'agency_call_off' ? 'agency_call_off' : 'hire';
  const units = submittableUnits(org.data, session.me?.grants ?? []);

  return (
    <section>
      <h1>{t('newRequest.title')}</h1>
      <p className="lead">{t('newRequest.intro')}</p>
      <nav className="tabs" aria-label={t('newRequest.kindLabel')}>
        <Link to="?kind=hire" aria-current={kind === 'hire' ? 'page' : undefined}>
          {t('kind.hire')}
        </Link>
        <Link to="?kind=agency_call_off" aria-current={kind === 'agency_call_off' ? 'page' : undefined}>
          {t('kind.agency_call_off')}
        </Link>
      </nav>
      <p className="hint">{t(`newRequest.kindHint.${kind}`)}</p>
      {org.isPending && <Loading />}
      <ProblemNotice error={org.error} />
      {org.data && (kind === 'hire' ? <HireForm units={units} /> : <CallOffForm units={units} />)}
    </section>
  );
}
