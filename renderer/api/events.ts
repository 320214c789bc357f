// The /api/events WebSocket: change events from other workstations, and the
// link state. It reconnects by itself with back-off; after a reconnect every
// subscriber is told to catch up (refetch), since events may have been missed.
import type { ChangeEvent } from '../../shared/api';
import { currentToken } from './client';

export type LinkState = 'connecting' | 'online' | 'offline';

type ChangeListener = (e: ChangeEvent | { type: 'resync' }) => void;

const changeListeners = new Set<ChangeListener>();
const stateListeners = new Set<(s: LinkState) => void>();
let socket: WebSocket | null = null;
let state: LinkState = 'connecting';
let retry = 0;
let timer: ReturnType<typeof setTimeout> | null = null;
let everConnected = false;
let stopped = true;

function setState(s: LinkState) {
  if (s === state) return;
  state = s;
  stateListeners.forEach((l) => l(s));
}

function connect() {
  if (stopped) return;
  const token = currentToken();
  if (!token) return;
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/events?token=${encodeURIComponent(token)}`;
  const ws = new WebSocket(url);
  socket = ws;
  ws.onmessage = (m) => {
    const msg = JSON.parse(String(m.data)) as ChangeEvent | { type: 'hello' | 'unauthorized' };
    if (msg.type === 'hello') {
      retry = 0;
      setState('online');
      // Whatever changed while we were away is fetched again.
      if (everConnected) changeListeners.forEach((l) => l({ type: 'resync' }));
      everConnected = true;
    } else if (msg.type === 'changed') {
      changeListeners.forEach((l) => l(msg));
    }
  };
  ws.onclose = () => {
    if (socket !== ws) return;
    socket = null;
    if (stopped) return;
    setState('offline');
    const delay = Math.min(5000, 250 * 2 ** retry++);
    timer = setTimeout(connect, delay);
  };
}

export function startEvents(): void {
  stopped = false;
  if (!socket) connect();
}

export function stopEvents(): void {
  stopped = true;
  if (timer) clearTimeout(timer);
  socket?.close();
  socket = null;
}

/** A request just failed to reach the host: show it at once, don't wait for the socket. */
export function reportUnreachable(): void {
  setState('offline');
}

export function linkState(): LinkState {
  return state;
}

export function onLinkState(l: (s: LinkState) => void): () => void {
  stateListeners.add(l);
  return () => stateListeners.delete(l);
}

export function onChange(l: ChangeListener): () => void {
  changeListeners.add(l);
  return () => changeListeners.delete(l);
}
