/** One app in one browser for a test file: served, opened and waited for before its tests, closed after. */
import { afterAll, beforeAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { launch, openPage, startServer, waitForResults } from './browser.ts';

export interface AppSession {
  server: PreviewServer;
  url: string;
  browser: Browser;
  page: Page;
  /** Requests that tried to leave loopback (and were stopped). */
  outside: string[];
}

export function appSession(query = ''): AppSession {
  const s = {} as AppSession;
  beforeAll(async () => {
    ({ server: s.server, url: s.url } = await startServer());
    s.browser = await launch();
    ({ page: s.page, outside: s.outside } = await openPage(s.browser, `${s.url}${query}`));
    await waitForResults(s.page);
  });
  afterAll(async () => {
    await s.browser?.close();
    await s.server?.close();
  });
  return s;
}
