// The bearer token of a server that requires tokens. Kept for the browser session only unless the user asks to be
// remembered on this device; never in the URL, so it stays out of server logs and history.

const KEY = 'dwpilot.token';
const listeners = new Set<() => void>();

function read(): string | null {
  try {
    return sessionStorage.getItem(KEY) ?? localStorage.getItem(KEY);
  } catch {
    return null; // storage disabled: behave as logged out
  }
}

export const tokenStore = {
  get: read,

  set(token: string, remember: boolean): void {
    sessionStorage.setItem(KEY, token);
    if (remember) {
      localStorage.setItem(KEY, token);
    } else {
      localStorage.removeItem(KEY);
    }
    listeners.forEach((l) => l());
  },

  clear(): void {
    sessionStorage.removeItem(KEY);
    localStorage.removeItem(KEY);
    listeners.forEach((l) => l());
  },

  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
