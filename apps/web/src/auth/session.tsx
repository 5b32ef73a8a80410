import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Role } from '@domain/enums';
import { getJson } from '../api/client';
import type { Me } from '../api/types';
import { signInOptions } from './auth-mode';
import { providerSignOutUrl } from './oidc';
import { tokenStore } from './token-store';

interface Session {
  me: Me | undefined;
  loading: boolean;
  signedIn: boolean;
  has: (...roles: Role[]) => boolean;
  signIn: (token: string) => void;
  /** Forgets the tokens here, then ends the provider's session too (OIDC), so the next sign-in asks again. */
  signOut: () => void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const token = useSyncExternalStore(tokenStore.subscribe, tokenStore.get);
  const queryClient = useQueryClient();
  const me = useQuery({
    queryKey: ['me', token],
    queryFn: () => getJson<Me>('/me'),
    enabled: token !== null,
    staleTime: Infinity,
  });
  const options = useQuery({ queryKey: ['sign-in-options'], queryFn: signInOptions, staleTime: Infinity });
  const value: Session = {
    me: token ? me.data : undefined,
    loading: token !== null && me.isPending,
    signedIn: token !== null && me.isSuccess,
    has: (...roles) => (me.data?.grants ?? []).some((g) => roles.includes(g.role)),
    signIn: (t) => {
      queryClient.clear();
      tokenStore.set(t);
    },
    signOut: () => {
      const oidc = options.data?.oidc;
      tokenStore.clear();
      queryClient.clear();
      if (!oidc) return;
      // The local tokens are gone whatever the provider answers; an unreachable provider leaves the sign-in page.
      void providerSignOutUrl(oidc)
        .then((url) => url && window.location.assign(url))
        .catch(() => undefined);
    },
  };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}
