/**
 * How long to wait before reconnect attempt `attempt` (0 = the first after a drop): doubling from half a second up
 * to ten, with jitter so that many dashboards do not all knock at the same moment after a server restart.
 */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(10_000, 500 * 2 ** Math.max(0, attempt));
  return Math.round(ceiling * (0.5 + random() / 2));
}
