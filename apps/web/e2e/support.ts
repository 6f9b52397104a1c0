import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { demoPassword, systemEnv } from '@mitra/testing';

// The global setup starts every server and app, builds the web with Vite and creates the demo
// accounts; the api serves the web at `/`.
export const apiUrl = () => systemEnv().MITRA_API_URL;
export const screenshotDir = path.resolve(__dirname, '../../../docs/screenshots');
export const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/** Retries an assertion until it passes, then fails with its last error. */
export async function eventually(
  assertion: () => Promise<void>,
  timeoutMs = 45_000,
  intervalMs = 250,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await assertion();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}

export async function expectOk<T>(response: Promise<{ status: number; body: T }>, what: string): Promise<T> {
  const { status, body } = await response;
  if (status >= 300) throw new Error(`${what} gave ${status}: ${JSON.stringify(body)}`);
  return body;
}

export const text = async (page: Page, testId: string) =>
  ((await page.getByTestId(testId).first().textContent()) ?? '').trim();
/** The input of a form control, whether the test id sits on the input itself or on its wrapper; within a page or a part of it. */
export const inputOf = (page: Pick<Page, 'locator'>, testId: string) =>
  page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
export const textareaOf = (page: Pick<Page, 'locator'>, testId: string) =>
  page.locator(`textarea[data-testid="${testId}"], [data-testid="${testId}"] textarea`).first();

/** A full-page screenshot kept in docs/screenshots (a test artefact, and the README's pictures). */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, name);
  // From the top, or the fixed header is drawn where the page was scrolled to.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: file, fullPage: true });
  expect(fs.statSync(file).size).toBeGreaterThan(10_000);
}

/**
 * Browser profiles of one test file, each signed in through the sign-in page. Every page error,
 * console error and failed request is collected, so a test ends by asserting `errors` is empty.
 */
export class BrowserSessions {
  readonly errors: string[] = [];
  private readonly contexts: BrowserContext[] = [];

  constructor(private readonly browser: Browser) {}

  /** A fresh browser profile (its own cookies and IndexedDB), not signed in, on `pathName`. */
  async anonymousPage(pathName: string, who = 'anonymous'): Promise<Page> {
    const context = await this.browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(30_000);
    this.contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => this.errors.push(`${who}: ${error.message}`));
    // Failed requests are judged below by their status; the browser also logs each one to the console.
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
        this.errors.push(`${who}: ${message.text()}`);
    });
    page.on('response', (response) => {
      const status = response.status();
      const sessionCheck = status === 401 && response.url().endsWith('/api/v1/auth/me');
      // 503: a service too slow on a loaded machine; the client retries it, and the assertions wait for the data.
      if (status >= 400 && !sessionCheck && status !== 503)
        this.errors.push(`${who}: ${status} ${response.url()}`);
    });
    await page.goto(`${apiUrl()}${pathName}`);
    return page;
  }

  /** A fresh browser profile signed in as `email` through the sign-in page, landing on `pathName`. */
  async signedInPage(email: string, pathName: string): Promise<Page> {
    const page = await this.anonymousPage(pathName, email);
    await page.getByTestId('sign-in-email').fill(email);
    await inputOf(page, 'sign-in-password').fill(demoPassword);
    await page.getByTestId('sign-in-submit').click();
    await page.waitForURL((url) => url.pathname === pathName.split('?')[0]);
    return page;
  }

  /** Tells the collector a request that fails on purpose (e.g. a refused form) is expected. */
  forget(pattern: RegExp): void {
    const kept = this.errors.filter((error) => !pattern.test(error));
    this.errors.splice(0, this.errors.length, ...kept);
  }

  async close(): Promise<void> {
    for (const context of this.contexts) await context.close();
  }
}
