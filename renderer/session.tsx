// Who is signed in, the clinic's settings, and the idle timeout. When the
// session ends (idle, or the host says so) the page stays mounted under the
// sign-in dialog, so nothing being typed is lost.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { User } from '../shared/api/auth';
import type { Settings } from '../shared/api/settings';
import { api, currentToken, onReachability, onUnauthorized, setToken } from './api/client';
import { reportUnreachable, startEvents, stopEvents } from './api/events';
import { applyDefaultLocale } from './i18n';

interface SessionValue {
  user: User | null;
  settings: Settings | null;
  /** Host facts before sign-in: demo database, first admin needed. */
  status: { needsFirstAdmin: boolean; demo: boolean } | null;
  /** The session ended while a page was open: the sign-in dialog is shown over it. */
  expired: boolean;
  ready: boolean;
  signIn(login: string, password: string): Promise<void>;
  createFirstAdmin(input: { login: string; password: string; fullName: string }): Promise<void>;
  signOut(): Promise<void>;
  reloadSettings(): Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function useSession(): SessionValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [status, setStatus] = useState<SessionValue['status']>(null);
  const [expired, setExpired] = useState(false);
  const [ready, setReady] = useState(false);
  const lastActivity = useRef(Date.now());

  const reloadSettings = useCallback(async () => {
    const s = await api('settings.get', {});
    setSettings(s);
    applyDefaultLocale(s.defaultLocale);
  }, []);

  const begin = useCallback(
    async (token: string, u: User) => {
      setToken(token);
      setUser(u);
      setExpired(false);
      lastActivity.current = Date.now();
      startEvents();
      await reloadSettings();
    },
    [reloadSettings],
  );

  useEffect(() => {
    const offUnauthorized = onUnauthorized(() => setExpired(true));
    const offReach = onReachability((ok) => !ok && reportUnreachable());
    (async () => {
      try {
        setStatus(await api('auth.status', {}));
        if (currentToken()) {
          const u = await api('auth.me', {});
          setUser(u);
          startEvents();
          await reloadSettings();
        }
      } catch {
        setToken(null);
      } finally {
        setReady(true);
      }
    })();
    return () => {
      offUnauthorized();
      offReach();
    };
  }, [reloadSettings]);

  // The host expires idle sessions; the window notices by itself too, so an
  // unattended reception PC locks without anyone clicking.
  useEffect(() => {
    if (!user || !settings) return;
    const touch = () => (lastActivity.current = Date.now());
    const events = ['mousemove', 'keydown', 'mousedown', 'touchstart', 'wheel'];
    events.forEach((e) => window.addEventListener(e, touch, { passive: true }));
    const timer = setInterval(() => {
      if (!expired && Date.now() - lastActivity.current > settings.sessionIdleMinutes * 60_000) {
        void api('auth.logout', {}).catch(() => undefined);
        setToken(null);
        stopEvents();
        setExpired(true);
      }
    }, 5_000);
    return () => {
      events.forEach((e) => window.removeEventListener(e, touch));
      clearInterval(timer);
    };
  }, [user, settings, expired]);

  const value = useMemo<SessionValue>(
    () => ({
      user,
      settings,
      status,
      expired,
      ready,
      signIn: async (login, password) => {
        const s = await api('auth.login', { login, password });
        await begin(s.token, s.user);
      },
      createFirstAdmin: async (input) => {
        const s = await api('auth.createFirstAdmin', input);
        setStatus((st) => (st ? { ...st, needsFirstAdmin: false } : st));
        await begin(s.token, s.user);
      },
      signOut: async () => {
        await api('auth.logout', {}).catch(() => undefined);
        setToken(null);
        stopEvents();
        setUser(null);
        setExpired(false);
      },
      reloadSettings,
    }),
    [user, settings, status, expired, ready, begin, reloadSettings],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
