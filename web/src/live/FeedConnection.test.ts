import { describe, expect, it } from 'vitest';
import { FeedConnection, feedProtocols, type SocketLike } from './FeedConnection';
import { reconnectDelayMs } from './backoff';
import type { FeedMessage } from '../api/types';

class FakeSocket implements SocketLike {
  onopen: ((ev: Event) => void) | null = null;
  onmessage: ((ev: MessageEvent) => void) | null = null;
  onclose: ((ev: CloseEvent) => void) | null = null;
  onerror: ((ev: Event) => void) | null = null;
  closed = false;
  constructor(
    readonly url: string,
    readonly protocols: string[],
  ) {}
  close() {
    this.closed = true;
  }
  send(type: string, seq: number) {
    this.onmessage?.({ data: JSON.stringify({ type, seq, at: '2026-01-01T00:00:00Z', data: {} }) } as MessageEvent);
  }
}

/** A hand-cranked clock: timers fire only when the test advances time. */
function harness(token: string | null = null) {
  let now = 0;
  const timers: { at: number; fn: () => void; id: number }[] = [];
  let nextId = 1;
  const sockets: FakeSocket[] = [];
  const feed = new FeedConnection({
    url: 'ws://host/api/v1/stream',
    token: () => token,
    openSocket: (url, protocols) => {
      const s = new FakeSocket(url, protocols);
      sockets.push(s);
      return s;
    },
    setTimer: (fn, ms) => {
      const id = nextId++;
      timers.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimer: (id) => {
      const i = timers.findIndex((t) => t.id === id);
      if (i >= 0) timers.splice(i, 1);
    },
    now: () => now,
    random: () => 1,
    staleAfterMs: 15_000,
  });
  const advance = (ms: number) => {
    now += ms;
    for (;;) {
      const due = timers.filter((t) => t.at <= now).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      timers.splice(timers.indexOf(due), 1);
      due.fn();
    }
  };
  return { feed, sockets, advance };
}

describe('reconnectDelayMs', () => {
  it('doubles from half a second and stops at ten', () => {
    const top = () => 1;
    expect([0, 1, 2, 3, 4, 5, 10].map((a) => reconnectDelayMs(a, top))).toEqual([
      500, 1000, 2000, 4000, 8000, 10000, 10000,
    ]);
  });

  it('jitters down to half the ceiling', () => {
    expect(reconnectDelayMs(2, () => 0)).toBe(1000);
  });
});

describe('FeedConnection', () => {
  it('delivers messages by type and remembers the last sequence number', () => {
    const { feed, sockets } = harness();
    const queries: FeedMessage[] = [];
    const all: FeedMessage[] = [];
    feed.subscribe(['query'], (m) => queries.push(m));
    feed.subscribe(null, (m) => all.push(m));
    feed.start();
    sockets[0].onopen?.({} as Event);
    sockets[0].send('metric', 7);
    sockets[0].send('query', 8);
    expect(queries.map((m) => m.seq)).toEqual([8]);
    expect(all.map((m) => m.seq)).toEqual([7, 8]);
    expect(feed.getState()).toMatchObject({ status: 'live', lastSeq: 8 });
  });

  it('reconnects after a drop and asks for what it missed', () => {
    const { feed, sockets, advance } = harness();
    feed.start();
    sockets[0].onopen?.({} as Event);
    sockets[0].send('query', 41);
    sockets[0].onclose?.({} as CloseEvent);
    expect(feed.getState().status).toBe('reconnecting');
    advance(499);
    expect(sockets).toHaveLength(1);
    advance(1);
    expect(sockets).toHaveLength(2);
    expect(sockets[1].url).toBe('ws://host/api/v1/stream?since=41');
    sockets[1].onopen?.({} as Event);
    expect(feed.getState()).toMatchObject({ status: 'live', reconnects: 1 });
  });

  it('resumes from the hello when a connection drops before any other message, position 0 included', () => {
    const { feed, sockets, advance } = harness();
    feed.start();
    sockets[0].onopen?.({} as Event);
    sockets[0].onclose?.({} as CloseEvent);
    advance(500);
    expect(sockets[1].url).toBe('ws://host/api/v1/stream'); // nothing told it a position yet
    sockets[1].onopen?.({} as Event);
    sockets[1].send('hello', 0);
    sockets[1].onclose?.({} as CloseEvent);
    advance(1000);
    expect(sockets[2].url).toBe('ws://host/api/v1/stream?since=0');
  });

  it('backs off while the server stays away, and starts over once it answers', () => {
    const { feed, sockets, advance } = harness();
    feed.start();
    for (const wait of [500, 1000, 2000]) {
      sockets[sockets.length - 1].onclose?.({} as CloseEvent);
      advance(wait);
    }
    expect(sockets).toHaveLength(4);
    sockets[3].onopen?.({} as Event);
    sockets[3].onclose?.({} as CloseEvent);
    advance(500);
    expect(sockets).toHaveLength(5);
  });

  it('replaces a connection that went silent', () => {
    const { feed, sockets, advance } = harness();
    feed.start();
    sockets[0].onopen?.({} as Event);
    advance(10_000);
    sockets[0].send('metric', 1);
    advance(14_999);
    expect(sockets[0].closed).toBe(false);
    advance(1);
    expect(sockets[0].closed).toBe(true);
    advance(500);
    expect(sockets).toHaveLength(2);
  });

  it('counts the messages the server says were lost', () => {
    const { feed, sockets } = harness();
    feed.start();
    sockets[0].onopen?.({} as Event);
    sockets[0].send('gap', 100);
    sockets[0].send('dropped', 180);
    expect(feed.getState()).toMatchObject({ lost: 2, lastSeq: 180 });
  });

  it('ignores the events of a socket it already replaced', () => {
    const { feed, sockets, advance } = harness();
    const seen: number[] = [];
    feed.subscribe(null, (m) => seen.push(m.seq));
    feed.start();
    sockets[0].onopen?.({} as Event);
    feed.reconnectNow();
    sockets[0].send('query', 5);
    sockets[0].onclose?.({} as CloseEvent);
    advance(500);
    expect(seen).toEqual([]);
    expect(sockets).toHaveLength(2);
  });

  it('stops for good', () => {
    const { feed, sockets, advance } = harness();
    feed.start();
    sockets[0].onopen?.({} as Event);
    feed.stop();
    advance(60_000);
    expect(sockets).toHaveLength(1);
    expect(feed.getState().status).toBe('closed');
  });
});

describe('feedProtocols', () => {
  it('offers the feed protocol, and the token base64url-encoded when there is one', () => {
    expect(feedProtocols(null)).toEqual(['dwpilot.v1']);
    expect(feedProtocols('secret-token-1234+/?')).toEqual(['dwpilot.v1', 'dwpilot.bearer.c2VjcmV0LXRva2VuLTEyMzQrLz8']);
  });
});
