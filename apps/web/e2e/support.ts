import * as fs from 'node:fs';
import * as path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
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

/** The screens the browser tests check and photograph: a laptop and a common phone. */
export const desktopViewport = { width: 1366, height: 900 };
export const phoneViewport = { width: 390, height: 844 };

/** Rules held whatever impact axe gives them: every column header says what its column holds. */
const requiredAxeRules = ['empty-table-header'];

/**
 * Fails, listing each rule with the elements that break it, when axe finds a serious or critical
 * accessibility violation on the page as it is now (or breaks a required rule).
 */
export async function expectNoSeriousAxeViolations(page: Page, screenName: string): Promise<void> {
  // Only violations are read: axe then spends no time collecting the elements that pass.
  const { violations } = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).analyze();
  const serious = violations
    .filter(
      (violation) =>
        violation.impact === 'serious' ||
        violation.impact === 'critical' ||
        requiredAxeRules.includes(violation.id),
    )
    .map((violation) =>
      [
        `${screenName}: ${violation.id} (${violation.impact}) ${violation.help}`,
        ...violation.nodes
          .slice(0, 5)
          .map((node) => `  ${node.target.join(' ')}: ${node.failureSummary?.replace(/\s+/g, ' ') ?? ''}`),
      ].join('\n'),
    );
  expect(serious).toEqual([]);
}

/**
 * Fails, naming the elements that stick out, when the page scrolls sideways at its viewport's width
 * or something reaches past its right edge. Content that scrolls inside its own container does not count.
 */
export async function expectNoSidewaysScroll(page: Page, screenName: string): Promise<void> {
  const { viewport, scrollWidth, protruding } = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const past = (box: DOMRect) => box.right > width + 1;
    const describe = (element: Element) =>
      `${element.tagName.toLowerCase()}${element.getAttribute('data-testid') ? `[data-testid=${element.getAttribute('data-testid')}]` : ''}.${[...element.classList].slice(0, 2).join('.')}`;
    // Whether an ancestor already sticks out (then it is the one named) or scrolls or clips its content.
    const explained = (element: Element | null) => {
      for (let parent = element; parent && parent !== document.body; parent = parent.parentElement)
        if (getComputedStyle(parent).overflowX !== 'visible' || past(parent.getBoundingClientRect()))
          return true;
      return false;
    };
    const elements = [...document.body.querySelectorAll('*')]
      .filter((element) => past(element.getBoundingClientRect()) && !explained(element.parentElement))
      .map(describe);
    // A long word (a hash, a link) overflows its box without widening it.
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const words: string[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(node);
      if (past(range.getBoundingClientRect()) && !explained(node.parentElement))
        words.push(`"${(node.textContent ?? '').trim().slice(0, 40)}" in ${describe(node.parentElement!)}`);
    }
    return {
      viewport: width,
      scrollWidth: document.documentElement.scrollWidth,
      protruding: [...elements, ...words].slice(0, 8),
    };
  });
  // A fixed header's overflow does not scroll: it is cut off, so it counts too.
  if (scrollWidth > viewport || protruding.length > 0)
    throw new Error(
      `${screenName} is ${scrollWidth} px wide in a ${viewport} px window; sticking out: ${protruding.join(', ')}`,
    );
}

/** Opens `pathName` and waits for `readyTestId` to show and every loading state to end. */
export async function openScreen(page: Page, pathName: string, readyTestId: string): Promise<void> {
  await page.goto(`${apiUrl()}${pathName}`);
  await page.getByTestId(readyTestId).first().waitFor();
  await eventually(async () =>
    expect(await page.locator('[data-testid="loading"], .mantine-Loader-root').count()).toBe(0),
  );
}

/**
 * One main screen as it is now, at a laptop's width and then a phone's: no serious accessibility
 * violation, no sideways scrolling on the phone and, given `photo`, a screenshot at each width
 * (`<photo>-1366.png`, `<photo>-390.png`).
 */
export async function expectScreenFitsEveryone(page: Page, name: string, photo?: string): Promise<void> {
  await page.setViewportSize(desktopViewport);
  await expectNoSeriousAxeViolations(page, name);
  if (photo) await screenshot(page, `${photo}-${desktopViewport.width}.png`);
  await page.setViewportSize(phoneViewport);
  // The layout follows the width a render later.
  await eventually(() => expectNoSidewaysScroll(page, name), 5_000);
  if (photo) await screenshot(page, `${photo}-${phoneViewport.width}.png`);
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
    this.watch(page, who);
    await page.goto(`${apiUrl()}${pathName}`);
    return page;
  }

  /** Another tab of the same browser profile (same session), on `pathName`. */
  async anotherTab(page: Page, pathName: string, who = 'second tab'): Promise<Page> {
    const tab = await page.context().newPage();
    this.watch(tab, who);
    await tab.goto(`${apiUrl()}${pathName}`);
    return tab;
  }

  private watch(page: Page, who: string): void {
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
