import type { Browser, Page } from 'playwright-core';
import type { Inbox, LifecycleState } from '@mitra/contracts';
import { ApiClient, demoAccounts, demoPassword } from '@mitra/testing';
import { launchBrowser } from './browser';
import { BrowserSessions, eventually, expectOk, inputOf, text } from './support';

// Each role's first screen after sign-in is its inbox: what awaits a coordinator or a partner's organisation,
// counted in the navigation, and for an auditor the partnerships by their latest change.
describe('every role lands on its inbox', () => {
  const coordinator = ApiClient.signedInAs(demoAccounts.coordinator.email);
  const auditor = ApiClient.signedInAs(demoAccounts.auditor.email);
  const name = `Kemitraan Kotak Masuk ${Date.now().toString(36)}`;
  let browser: Browser;
  let sessions: BrowserSessions;
  let partnershipId = '';

  /** The partnerships of the auditor's recent changes, every page. */
  async function recentPartnershipIds(client: ApiClient): Promise<string[]> {
    const ids: string[] = [];
    for (let cursor: string | undefined; ;) {
      const { body } = await client.get<{ items: Array<{ partnershipId: string }>; nextCursor?: string }>(
        `inbox/recent?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
      );
      ids.push(...body.items.map((item) => item.partnershipId));
      if (!body.nextCursor) return ids;
      cursor = body.nextCursor;
    }
  }

  /** Signs in from the app's root, as someone opening it does, and waits for the first screen. */
  async function firstScreen(email: string): Promise<Page> {
    const page = await sessions.anonymousPage('/', email);
    await page.getByTestId('sign-in-email').fill(email);
    await inputOf(page, 'sign-in-password').fill(demoPassword);
    await page.getByTestId('sign-in-submit').click();
    await page.waitForURL((url) => url.pathname === '/inbox');
    return page;
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    sessions = new BrowserSessions(browser);
    const lead = (await coordinator.user()).organisationId;
    partnershipId = (
      await expectOk(
        coordinator.post<LifecycleState>('partnerships', { name, leadOrganisationId: lead }),
        'a partnership',
      )
    ).partnershipId;
  }, 60_000);

  afterAll(async () => {
    await sessions.close();
    await browser.close();
  });

  it('shows a coordinator what awaits it, with the count in the navigation', async () => {
    const page = await firstScreen(demoAccounts.coordinator.email);
    await page.getByTestId('inbox-item').first().waitFor();
    const total = (await coordinator.get<Inbox>('inbox?limit=1')).body.total;
    await eventually(async () => expect(await text(page, 'nav-inbox-count')).toBe(String(total)));
    expect(await page.getByTestId('inbox-shown').getAttribute('data-total')).toBe(String(total));
  }, 60_000);

  it('greets a partner with "Menunggu Anda"', async () => {
    const page = await firstScreen(demoAccounts.forumCsr.email);
    await eventually(async () => expect(await text(page, 'page-title')).toBe('Menunggu Anda'));
    await page.locator('[data-testid="inbox-item"], [data-testid="inbox-empty"]').first().waitFor();
  }, 60_000);

  // Open defect (issue 15): on the CI run this partnership never reached the auditor's recent changes
  // within 150 s, while it does on a quiet system; under investigation (a stalled projection is suspected).
  it.skip('shows an auditor the partnerships by their latest change', async () => {
    // The projection applies events one at a time: after other suites' bursts it may trail for a while.
    await eventually(
      async () => expect(await recentPartnershipIds(auditor)).toContain(partnershipId),
      150_000,
      1_000,
    );
    const page = await firstScreen(demoAccounts.auditor.email);
    await eventually(async () => expect(await text(page, 'page-title')).toBe('Perubahan terbaru'));
    // Other partnerships change meanwhile (timers, other suites) and may come first: the next pages hold it.
    const ours = page.locator(`[data-testid="recent-item"][data-partnership-id="${partnershipId}"]`);
    await eventually(async () => {
      if ((await ours.count()) === 0 && (await page.getByTestId('recent-more').count()) > 0)
        await page.getByTestId('recent-more').click();
      expect(await ours.count()).toBe(1);
    });
    expect(await page.getByTestId('nav-inbox-count').count()).toBe(0);
  }, 240_000);

  it('logged no errors in any browser', () => {
    expect(sessions.errors).toEqual([]);
  });
});
