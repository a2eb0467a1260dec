import type { FeedMessage, FeedType } from '../api/types';
import { reconnectDelayMs } from './backoff';

export type FeedStatus = 'connecting' | 'live' | 'reconnecting' | 'closed';

export interface FeedState {
  status: FeedStatus;
  /** Sequence number of the last message received; a reconnect asks for what came after it. */
  lastSeq: number;
  lastMessageAt: number | null;
  /** Reconnects since the page loaded. */
  reconnects: number;
  /** Messages the server said were lost (a slow read, or a gap longer than its buffer). */
  lost: number;
}

/** The parts of the browser's WebSocket the connection uses, so tests can hand in a fake. */
export interface SocketLike {
  onopen: ((ev: Event) => void) | null;
  onmessage: ((ev: MessageEvent) => void) | null;
  onclose: ((ev: CloseEvent) => void) | null;
  onerror: ((ev: Event) => void) | null;
  close(): void;
}

export interface FeedOptions {
  /** The WebSocket URL without query, e.g. ws://host/api/v1/stream. */
  url: string;
  token: () => string | null;
  openSocket: (url: string, protocols: string[]) => SocketLike;
  setTimer: (fn: () => void, ms: number) => unknown;
  clearTimer: (handle: unknown) => void;
  now: () => number;
  random?: () => number;
  /** Silence after which the connection is taken for dead and replaced (the server sends a metric every second). */
  staleAfterMs?: number;
}

type Listener = (message: FeedMessage) => void;

/** The subprotocols a client offers: the feed's own, and the bearer token when there is one (browsers cannot send headers). */
export function feedProtocols(token: string | null): string[] {
  return token ? ['dwpilot.v1', `dwpilot.bearer.${base64Url(token)}`] : ['dwpilot.v1'];
}

function base64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  bytes.forEach((b) => (binary += String.fromCharCode(b)));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * One live-feed WebSocket for the whole page: reconnects with backoff after any drop, asking for the messages it
 * missed (`since`), replaces a connection that went silent, and hands every message to the listeners of its type.
 */
export class FeedConnection {
  private readonly options: FeedOptions;
  private readonly listeners = new Map<Listener, Set<FeedType> | null>();
  private readonly stateListeners = new Set<() => void>();
  private socket: SocketLike | null = null;
  private retryTimer: unknown = null;
  private staleTimer: unknown = null;
  private attempt = 0;
  private stopped = false;
  /** Whether any message, a hello at least, told where the feed stands. */
  private positioned = false;
  private state: FeedState = { status: 'connecting', lastSeq: 0, lastMessageAt: null, reconnects: 0, lost: 0 };

  constructor(options: FeedOptions) {
    this.options = options;
  }

  start(): void {
    this.stopped = false;
    this.open();
  }

  stop(): void {
    this.stopped = true;
    this.clearTimers();
    const socket = this.socket;
    this.socket = null;
    socket?.close();
    this.update({ status: 'closed' });
  }

  /** Drops the current connection and connects again at once (the network came back, the token changed). */
  reconnectNow(): void {
    if (this.stopped) {
      return;
    }
    this.attempt = 0;
    this.replaceSocket();
  }

  getState(): FeedState {
    return this.state;
  }

  onState(listener: () => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** Listens to the messages of these types (all when null); returns the unsubscribe function. */
  subscribe(types: FeedType[] | null, listener: Listener): () => void {
    this.listeners.set(listener, types ? new Set(types) : null);
    return () => this.listeners.delete(listener);
  }

  private open(): void {
    // a connection's first message (a hello, at the latest) gives the position to resume from, 0 included
    const since = this.positioned ? `?since=${this.state.lastSeq}` : '';
    let socket: SocketLike;
    try {
      socket = this.options.openSocket(this.options.url + since, feedProtocols(this.options.token()));
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      this.attempt = 0;
      this.update({ status: 'live' });
      this.armStaleTimer();
    };
    socket.onmessage = (event) => {
      if (this.socket !== socket) return;
      this.receive(event.data);
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.scheduleReconnect();
    };
    socket.onerror = () => {
      // a close always follows an error; reconnecting is the close handler's job
    };
  }

  private receive(raw: unknown): void {
    let message: FeedMessage;
    try {
      message = JSON.parse(String(raw)) as FeedMessage;
    } catch {
      return; // not ours: ignore rather than break the feed
    }
    this.positioned = true;
    const lost = message.type === 'dropped' || message.type === 'gap' ? 1 : 0;
    this.update({
      lastSeq: Math.max(this.state.lastSeq, message.seq),
      lastMessageAt: this.options.now(),
      lost: this.state.lost + lost,
    });
    this.armStaleTimer();
    for (const [listener, types] of this.listeners) {
      if (types === null || types.has(message.type)) {
        listener(message);
      }
    }
  }

  private scheduleReconnect(): void {
    if (this.stopped) {
      return;
    }
    this.clearTimers();
    this.update({ status: 'reconnecting' });
    const delay = reconnectDelayMs(this.attempt++, this.options.random);
    this.retryTimer = this.options.setTimer(() => {
      this.retryTimer = null;
      this.update({ reconnects: this.state.reconnects + 1 });
      this.open();
    }, delay);
  }

  private armStaleTimer(): void {
    if (this.staleTimer !== null) {
      this.options.clearTimer(this.staleTimer);
    }
    this.staleTimer = this.options.setTimer(() => {
      this.staleTimer = null;
      this.replaceSocket();
    }, this.options.staleAfterMs ?? 15_000);
  }

  private replaceSocket(): void {
    const socket = this.socket;
    this.socket = null;
    socket?.close();
    this.scheduleReconnect();
  }

  private clearTimers(): void {
    if (this.retryTimer !== null) {
      this.options.clearTimer(this.retryTimer);
      this.retryTimer = null;
    }
    if (this.staleTimer !== null) {
      this.options.clearTimer(this.staleTimer);
      this.staleTimer = null;
    }
  }

  private update(change: Partial<FeedState>): void {
    this.state = { ...this.state, ...change };
    this.stateListeners.forEach((l) => l());
  }
}
