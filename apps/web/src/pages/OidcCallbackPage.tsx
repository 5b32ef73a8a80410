import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { completeOidcSignIn } from '../auth/oidc';
import { useSession } from '../auth/session';
import { Loading } from '../components/Loading';
import { ProblemNotice } from '../components/ProblemNotice';

export function OidcCallbackPage() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  // The authorisation code is single-use: React's development double effects must not spend it twice.
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    completeOidcSignIn(window.location.search)
      .then((token) => {
        session.signIn(token);
        navigate('/', { replace: true });
      })
      .catch(setError);
  }, [session, navigate]);
  return (
    <section>
      <h1>{t('signIn.title')}</h1>
      {error ? <ProblemNotice error={error} /> : <Loading />}
    </section>
  );
}
