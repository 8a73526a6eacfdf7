import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useClient } from '../client/client-context';
import { WebMeDocument, WebSignInDocument, WebSignUpDocument, LogoutDocument, type WebMeQuery, type RegisterInput, type LoginInput } from '@mrt/operations';

export type CurrentUser = NonNullable<WebMeQuery['me']>;

interface AuthValue {
  user: CurrentUser | null;
  /** The session is being checked (first load, after sign-in). */
  loading: boolean;
  signIn: (input: LoginInput) => Promise<void>;
  signUp: (input: RegisterInput) => Promise<void>;
  signOut: () => Promise<void>;
  setUser: (user: CurrentUser) => void;
  /** ADMIN or EDITOR: may open the operator pages (each operation there is still checked by its scope). */
  isOperator: boolean;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const client = useClient();
  const [user, setUser] = useState<CurrentUser | null>(null);
  const [loading, setLoading] = useState(!!client.session.current);
  const signedIn = useRef(false);
  useEffect(() => {
    signedIn.current = !!user;
  }, [user]);

  const loadMe = useCallback(async () => {
    if (!client.session.current) {
      setUser(null);
      setLoading(false);
      return;
    }
    setLoading(true);
    try {
      const { me } = await client.request(WebMeDocument, {});
      setUser(me ?? null);
      if (!me) client.setSession(null);
    } catch {
      setUser(null);
    } finally {
      setLoading(false);
    }
  }, [client]);

  useEffect(() => {
    void loadMe();
    // A refresh refused elsewhere signs out here too; so does a sign-out in another tab, and a
    // sign-in there signs in here. Not on another tab's refresh: loading would replace the page.
    return client.session.subscribe((session, fromOtherTab) => {
      if (!session) setUser(null);
      else if (fromOtherTab && !signedIn.current) void loadMe();
    });
  }, [client, loadMe]);

  const value = useMemo<AuthValue>(
    () => ({
      user,
      loading,
      isOperator: !!user?.roles.some((role) => role === 'ADMIN' || role === 'EDITOR'),
      setUser,
      signIn: async (input) => {
        const { login } = await client.request(WebSignInDocument, { input });
        client.setSession(login);
        await loadMe();
      },
      signUp: async (input) => {
        const { register } = await client.request(WebSignUpDocument, { input });
        client.setSession(register);
        await loadMe();
      },
      signOut: async () => {
        const session = client.session.current;
        client.setSession(null);
        setUser(null);
        // Revoking is best effort: the local session is gone either way.
        if (session) await client.request(LogoutDocument, { refreshToken: session.refreshToken }).catch(() => undefined);
      },
    }),
    [client, loadMe, loading, user],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}
