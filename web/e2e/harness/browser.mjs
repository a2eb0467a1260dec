// Debian's Chromium, driven by playwright-core (which never downloads a browser of its own).
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

/** Where Chromium is: $DWPILOT_CHROMIUM, else Debian's package path. */
export function chromiumPath() {
  return process.env.DWPILOT_CHROMIUM ?? '/usr/bin/chromium';
}

export function chromiumInstalled() {
  return existsSync(chromiumPath());
}

/** Starts headless Chromium with the flags that keep it off the network beyond localhost. */
export function launchChromium() {
  if (!chromiumInstalled()) {
    throw new Error(
      `Chromium not found at ${chromiumPath()}: install Debian's package (apt-get install chromium)` +
        ' or point DWPILOT_CHROMIUM at a Chromium or Chrome binary',
    );
  }
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}
