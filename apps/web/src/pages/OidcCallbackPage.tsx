import { useEffect, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { signInOptions } from '../auth/auth-mode';
import { completeOidcSignIn, OidcError } from '../auth/oidc';
import { useSession } from '../auth/session';
import { takeReturnPath } from '../auth/return-path-storage';
import { Loading } from '../components/Loading';
import { ProblemNotice } from '../components/ProblemNotice';

export function OidcCallbackPage() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const options = useQuery({ queryKey: ['sign-in-options'], queryFn: signInOptions, staleTime: Infinity });
  const [error, setError] = useState<unknown>(null);
  // The authorisation code is single-use: React's development double effects must not spend it twice.
  const started = useRef(false);
  const oidc = options.data?.oidc;
  useEffect(() => {
    if (!oidc || started.current) return;
    started.current = true;
    completeOidcSignIn(window.location.search, oidc)
      .then((token) => {
        session.signIn(token);
        navigate(takeReturnPath() ?? '/', { replace: true });
      })
      .catch(setError);
  }, [oidc, session, navigate]);
  const failed = error ?? options.error ?? (options.data && !oidc ? new OidcError('discovery', '') : null);
  return (
    <section>
      <h1>{t('signIn.title')}</h1>
      {failed instanceof OidcError ? (
        <div className="notice notice-error" role="alert">
          <p>
            <strong>{t(`oidc.error.${failed.code}`)}</strong>
          </p>
          {failed.code === 'unknownUser' && options.data?.accessContact && (
            <p>{t('noAccess.contact', { contact: options.data.accessContact })}</p>
          )}
          <p>
            <Link to="/signin">{t('oidc.tryAgain')}</Link>
          </p>
        </div>
      ) : failed ? (
        <ProblemNotice error={failed} />
      ) : (
        <Loading />
      )}
    </section>
  );
}
