import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { signInOptions } from '../auth/auth-mode';
import { useSession } from '../auth/session';

/** A signed-in person with no roles yet (created at their first sign-in): who they are, and who grants access. */
export function NoAccessPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const options = useQuery({ queryKey: ['sign-in-options'], queryFn: signInOptions, staleTime: Infinity });
  const contact = options.data?.accessContact;
  return (
    <section>
      <h1>{t('noAccess.title')}</h1>
      <p className="lead">{t('noAccess.signedInAs', { name: me?.displayName, username: me?.username })}</p>
      <p>{t('noAccess.body')}</p>
      {contact && <p>{t('noAccess.contact', { contact })}</p>}
    </section>
  );
}
