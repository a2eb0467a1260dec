import { createContext, useContext, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, describeError, onUnauthorized } from '../api/client';
import type { Session } from '../api/types';
import { tokenStore } from './tokenStore';

const SessionContext = createContext<Session | null>(null);

/** The signed-in caller: who, which role, and the speed thresholds the dashboard colours by. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) {
    throw new Error('useSession needs a SessionGate above it');
  }
  return session;
}

export function useIsAdmin(): boolean {
  return useSession().role === 'admin';
}

/**
 * Renders the app once the server says who the caller is; asks for a token when the server requires one (or a
 * stored token stopped working), and explains when the server cannot be reached.
 */
export function SessionGate({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const session = useQuery({
    queryKey: ['session'],
    queryFn: ({ signal }) => api.get<Session>('/api/v1/session', undefined, signal),
    retry: (count, error) => !(error instanceof ApiError && error.status === 401) && count < 3,
    retryDelay: 1000,
    staleTime: 60_000,
  });
  useEffect(() => onUnauthorized(() => void queryClient.invalidateQueries({ queryKey: ['session'] })), [queryClient]);

  if (session.data) {
    return <SessionContext.Provider value={session.data}>{children}</SessionContext.Provider>;
  }
  if (session.error instanceof ApiError && session.error.status === 401) {
    return <LoginPage rejected={tokenStore.get() !== null} />;
  }
  if (session.error) {
    return (
      <div className="gate">
        <h1>dwpilot</h1>
        <p className="error-text" role="alert">
          {describeError(session.error)}
        </p>
        <button className="button" onClick={() => void session.refetch()}>
          Try again
        </button>
      </div>
    );
  }
  return (
    <div className="gate" aria-busy="true">
      <div className="skeleton" style={{ width: 240, height: 24 }} />
    </div>
  );
}

function LoginPage({ rejected }: { rejected: boolean }) {
  const queryClient = useQueryClient();
  const [token, setToken] = useState('');
  const [remember, setRemember] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    tokenStore.set(token.trim(), remember);
    void queryClient.resetQueries();
  };
  return (
    <div className="gate">
      <form className="login card" onSubmit={submit}>
        <h1>dwpilot</h1>
        <p className="muted">
          This server requires a bearer token (<code>dwpilot.http.auth.tokens</code>).
        </p>
        {rejected && (
          <p className="error-text" role="alert">
            The token was not accepted. Check it and try again.
          </p>
        )}
        <label className="field">
          <span>Token</span>
          <input
            type="password"
            autoComplete="current-password"
            value={token}
            autoFocus
            onChange={(e) => setToken(e.target.value)}
            minLength={16}
            required
            name="token"
          />
        </label>
        <label className="check">
          <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} />
          Remember on this device
        </label>
        <button className="button primary" type="submit">
          Sign in
        </button>
      </form>
    </div>
  );
}
