import { useQuery, useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { signInOptions } from '../auth/auth-mode';
import { devLogin } from '../auth/dev-login';
import { startOidcSignIn } from '../auth/oidc';
import { useSession } from '../auth/session';
import { safeReturnPath } from '../auth/return-path';
import { rememberReturnPath } from '../auth/return-path-storage';
import { Loading } from '../components/Loading';
import { ProblemNotice } from '../components/ProblemNotice';

/** Dev mode lists the users the API offers for sign-in; OIDC mode sends the user to the identity provider. */
export function SignInPage() {
  const { t } = useTranslation();
  const session = useSession();
  const options = useQuery({ queryKey: ['sign-in-options'], queryFn: signInOptions, staleTime: Infinity });
  const mode = { ...options, data: options.data?.mode };
  const login = useMutation({
    mutationFn: devLogin,
    onSuccess: (res) => session.signIn(res.token),
  });
  const settings = options.data?.oidc;
  const oidc = useMutation({
    mutationFn: () => {
      rememberReturnPath(
        safeReturnPath(new URLSearchParams(window.location.search).get('returnTo'), window.location.origin),
      );
      return startOidcSignIn(settings!);
    },
  });

  return (
    <section className="signin">
      <h1>{t('signIn.title')}</h1>
      <p className="lead">{t('signIn.intro')}</p>
      {mode.isPending && <Loading />}
      <ProblemNotice error={mode.error ?? login.error ?? oidc.error} />
      {mode.data === 'oidc' && (
        <div className="card">
          <p>{t('signIn.oidcIntro')}</p>
          <button
            type="button"
            className="primary"
            disabled={!settings || oidc.isPending}
            onClick={() => oidc.mutate()}
          >
            {t('signIn.oidcButton')}
          </button>
          {!settings && <p className="hint">{t('signIn.oidcNotConfigured')}</p>}
        </div>
      )}
      {mode.data === 'dev' && (
        <div className="card">
          <h2>{t('signIn.demoUsers')}</h2>
          <p className="hint">{t('signIn.demoHint')}</p>
          <ul className="user-list">
            {(options.data?.devUsers ?? []).map((u) => (
              <li key={u.username}>
                <button
                  type="button"
                  className="user-button"
                  disabled={login.isPending}
                  onClick={() => login.mutate(u.username)}
                >
                  <span className="user-name">{u.displayName}</span>
                  <span className="user-meta">
                    {u.grants.map((g) => t(`role.${g.role}`)).join(', ')} · <code>{u.username}</code>
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
