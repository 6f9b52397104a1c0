import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import { api, apiSession, ApiError } from '#shared/api';
import { queryKeys } from '#shared/query';
import { isSession, type Session, type SessionUser } from './session-user';

/** The api answered 200 with something that is not a session: a contract mismatch, not a sign-out. */
const unexpectedSession = () => new ApiError(200, 'INTERNAL', 'The api returned no session');

function remember(session: Session | null): Session | null {
  apiSession.setCsrfToken(session?.csrfToken);
  return session;
}

/** `GET /auth/me`: the session, or null when nobody is signed in. */
export async function fetchSession(): Promise<Session | null> {
  try {
    const body = await api.get<unknown>('/auth/me', { signOutOnUnauthenticated: false });
    if (!isSession(body)) throw unexpectedSession();
    return remember(body);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return remember(null);
    throw error;
  }
}

export function useSession() {
  return useQuery({ queryKey: queryKeys.session, queryFn: fetchSession, staleTime: Infinity, retry: false });
}

/** What a 401 from any request does: the session is gone, so the guard sends the user to sign in. */
export function endSession(queryClient: QueryClient): void {
  remember(null);
  queryClient.setQueryData(queryKeys.session, null);
}

export interface SignInInput {
  email: string;
  password: string;
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: SignInInput) => {
      const body = await api.post<unknown>('/auth/sign-in', input, { signOutOnUnauthenticated: false });
      if (!isSession(body)) throw unexpectedSession();
      return body;
    },
    onSuccess: (session) => {
      // Whatever another user had cached in this tab must not show through.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.session[0] });
      queryClient.setQueryData(queryKeys.session, remember(session));
    },
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/auth/sign-out', undefined, { signOutOnUnauthenticated: false }),
    onSettled: () => {
      queryClient.clear();
      endSession(queryClient);
    },
  });
}

export const CurrentUserContext = createContext<SessionUser | undefined>(undefined);

/** The signed-in user, inside the pages behind the sign-in guard. */
export function useCurrentUser(): SessionUser {
  const user = useContext(CurrentUserContext);
  if (!user) throw new Error('useCurrentUser is used outside the signed-in pages');
  return user;
}
