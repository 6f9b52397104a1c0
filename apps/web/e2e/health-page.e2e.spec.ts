import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { serviceNames, type HealthReport } from '@mitra/contracts';
import { launchBrowser } from './browser';

// The global setup starts every server and app, builds the web with Vite, and the api serves it at `/`;
// the health page is public at `/health` (the rest of the app asks to sign in).
const apiUrl = () => {
  const url = process.env.MITRA_API_URL;
  if (!url)
    throw new Error(
      'MITRA_API_URL is not set: run this test through jest, whose global setup starts the system.',
    );
  return url;
};

const screenshotPath = path.resolve(__dirname, '../../../docs/screenshots/health.png');
const dependencyOrder = ['temporal', 'nats', 'database', ...serviceNames, 'worker'];

// The oracle is written out here, not read from the locale files, so a wrong translation fails the test.
const indonesianNames = [
  'Temporal',
  'NATS',
  'Basis data',
  'Pemangku kepentingan',
  'Perjanjian',
  'Pendanaan',
  'Pemantauan',
  'Pekerja alur kerja',
];
const englishNames = [
  'Temporal',
  'NATS',
  'Database',
  'Stakeholders',
  'Agreements',
  'Funding',
  'Monitoring',
  'Workflow worker',
];
const indonesianKinds = ['Server', 'Server', 'Server', 'Layanan', 'Layanan', 'Layanan', 'Layanan', 'Pekerja'];
const englishKinds = ['Server', 'Server', 'Server', 'Service', 'Service', 'Service', 'Service', 'Worker'];

interface Row {
  testId: string | null;
  name: string;
  kind: string;
  status: string;
  latency: string;
}

/** Retries an assertion until it passes (the page refreshes itself every 10 s), then fails with its last error. */
async function eventually(
  assertion: () => Promise<void>,
  timeoutMs = 15_000,
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

const text = async (page: Page, testId: string) =>
  ((await page.getByTestId(testId).textContent()) ?? '').trim();

function readRows(page: Page): Promise<Row[]> {
  return page.$$eval('[data-testid="health-dependencies"] tbody tr', (rows) =>
    rows.map((row) => {
      const cell = (testId: string) =>
        row.querySelector(`[data-testid="${testId}"]`)?.textContent?.trim() ?? '';
      return {
        testId: row.getAttribute('data-testid'),
        name: cell('dependency-name'),
        kind: cell('dependency-kind'),
        status: cell('dependency-status'),
        latency: cell('dependency-latency'),
      };
    }),
  );
}

async function expectAllUp(
  page: Page,
  expected: { names: string[]; kinds: string[]; status: string; overall: string },
) {
  const rows = await readRows(page);
  expect(rows.map((row) => row.testId)).toEqual(dependencyOrder.map((name) => `dependency-${name}`));
  expect(rows.map((row) => row.name)).toEqual(expected.names);
  expect(rows.map((row) => row.kind)).toEqual(expected.kinds);
  expect(rows.map((row) => row.status)).toEqual(dependencyOrder.map(() => expected.status));
  expect(await text(page, 'health-overall')).toBe(expected.overall);
  expect(await page.getByTestId('health-overall').getAttribute('data-status')).toBe('up');
}

const htmlLang = (page: Page) => page.evaluate(() => document.documentElement.lang);

describe('health page', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  describe('against the running system', () => {
    let context: BrowserContext;
    let page: Page;
    const pageErrors: string[] = [];

    beforeAll(async () => {
      context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
      context.setDefaultTimeout(15_000);
      page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') pageErrors.push(message.text());
      });
    });

    afterAll(async () => {
      await context?.close();
    });

    it('shows every dependency up, in Bahasa Indonesia by default', async () => {
      await page.goto(`${apiUrl()}/health`);
      await page.getByTestId('health-title').waitFor();
      expect(await text(page, 'health-title')).toBe('Kesehatan sistem');
      expect(await text(page, 'app-name')).toBe('Mitra');
      expect(await htmlLang(page)).toBe('id');
      expect(await page.title()).toBe('Kesehatan sistem · Mitra');
      expect(await page.getByTestId('language-id').getAttribute('aria-pressed')).toBe('true');
      expect(await page.getByTestId('language-en').getAttribute('aria-pressed')).toBe('false');

      // The system is fully up in this test; allow a few automatic refreshes for it to settle.
      await eventually(
        () =>
          expectAllUp(page, {
            names: indonesianNames,
            kinds: indonesianKinds,
            status: 'Aktif',
            overall: 'Semua sistem aktif',
          }),
        45_000,
      );
      expect(await text(page, 'health-count')).toBe('8 dari 8 komponen aktif');
      // e.g. "Diperiksa 5 Jan 2026, 15.04.05 WIB": Indonesian date, dotted time, Jakarta zone label.
      expect(await text(page, 'health-checked-at')).toMatch(
        /^Diperiksa \d{1,2} \S+ \d{4},? \d{2}\.\d{2}\.\d{2} WIB$/,
      );
      for (const { latency } of await readRows(page))
        expect(latency.replace(/\s/g, ' ')).toMatch(/^[\d.]+,\d ms$/);
      expect(await page.getByTestId('health-error').count()).toBe(0);
    }, 60_000);

    it('refreshes on demand', async () => {
      const before = await page.getByTestId('health-checked-at').getAttribute('datetime');
      const response = page.waitForResponse((candidate) => candidate.url().endsWith('/api/v1/health'));
      await page.getByTestId('health-refresh').click();
      const report = (await (await response).json()) as HealthReport;
      expect(report.checkedAt).not.toBe(before);
      await eventually(async () =>
        expect(await page.getByTestId('health-checked-at').getAttribute('datetime')).toBe(report.checkedAt),
      );
    });

    it('switches to English', async () => {
      await page.getByTestId('language-en').click();
      await eventually(async () => expect(await text(page, 'health-title')).toBe('System health'));
      expect(await htmlLang(page)).toBe('en');
      expect(await page.title()).toBe('System health · Mitra');
      expect(await text(page, 'language-en')).toBe('English');
      expect(await page.getByTestId('language-en').getAttribute('aria-pressed')).toBe('true');
      await expectAllUp(page, {
        names: englishNames,
        kinds: englishKinds,
        status: 'Up',
        overall: 'All systems up',
      });
      expect(await text(page, 'health-checked-at')).toMatch(
        /^Checked [A-Z][a-z]{2} \d{1,2}, \d{4},? \d{1,2}:\d{2}:\d{2}\s[AP]M WIB$/,
      );
      for (const { latency } of await readRows(page))
        expect(latency.replace(/\s/g, ' ')).toMatch(/^[\d,]+\.\d ms$/);
      expect(await page.evaluate(() => localStorage.getItem('mitra.language'))).toBe('en');
    });

    it('stays in English after a reload, and saves a screenshot', async () => {
      await page.reload();
      await page.getByTestId('health-dependencies').waitFor();
      // Read at once, not eventually: the remembered language must be there from the first render.
      expect(await text(page, 'health-title')).toBe('System health');
      expect(await htmlLang(page)).toBe('en');
      await eventually(() =>
        expectAllUp(page, {
          names: englishNames,
          kinds: englishKinds,
          status: 'Up',
          overall: 'All systems up',
        }),
      );

      fs.mkdirSync(path.dirname(screenshotPath), { recursive: true });
      await page.screenshot({ path: screenshotPath, fullPage: true });
      expect(fs.statSync(screenshotPath).size).toBeGreaterThan(10_000);
    });

    it('logged no errors in the browser', () => {
      expect(pageErrors).toEqual([]);
    });
  });

  describe('when the api misbehaves', () => {
    let context: BrowserContext;
    let page: Page;

    beforeEach(async () => {
      context = await browser.newContext();
      context.setDefaultTimeout(15_000);
      page = await context.newPage();
    });

    afterEach(async () => {
      await context?.close();
    });

    it('says so when the api is unreachable, and recovers on refresh', async () => {
      await page.route('**/api/v1/health', (route) => route.abort('connectionrefused'));
      await page.goto(`${apiUrl()}/health`);
      await page.getByTestId('health-error').waitFor();
      expect(await text(page, 'health-error')).toBe(
        'API Mitra tidak dapat dihubungi. Periksa koneksi Anda; halaman ini akan mencoba lagi secara otomatis.',
      );
      expect(await page.getByTestId('health-dependencies').count()).toBe(0);

      await page.unroute('**/api/v1/health');
      await page.getByTestId('health-refresh').click();
      await page.getByTestId('health-dependencies').waitFor();
      await eventually(async () => expect(await page.getByTestId('health-error').count()).toBe(0));
    });

    it('shows a degraded system and what is down', async () => {
      const degraded: HealthReport = {
        status: 'degraded',
        checkedAt: '2026-01-05T08:04:05.000Z',
        dependencies: [
          { name: 'database', kind: 'server', status: 'up', latencyMs: 1234.5 },
          {
            name: 'worker',
            kind: 'worker',
            status: 'down',
            latencyMs: 1500,
            detail: 'no worker polls task queue lifecycle',
          },
        ],
      };
      await page.route('**/api/v1/health', (route) => route.fulfill({ status: 503, json: degraded }));
      await page.goto(`${apiUrl()}/health`);
      await page.getByTestId('health-dependencies').waitFor();
      expect(await text(page, 'health-overall')).toBe('Terganggu');
      expect(await text(page, 'health-count')).toBe('1 dari 2 komponen aktif');
      expect((await text(page, 'health-checked-at')).replace(/\s/g, ' ')).toBe(
        'Diperiksa 5 Jan 2026, 15.04.05 WIB',
      );
      expect(await readRows(page)).toEqual([
        {
          testId: 'dependency-database',
          name: 'Basis data',
          kind: 'Server',
          status: 'Aktif',
          latency: '1.234,5 ms',
        },
        {
          testId: 'dependency-worker',
          name: 'Pekerja alur kerja',
          kind: 'Pekerja',
          status: 'Mati',
          latency: '1.500,0 ms',
        },
      ]);
      expect(await page.getByTestId('dependency-worker').getByTestId('dependency-detail').textContent()).toBe(
        'no worker polls task queue lifecycle',
      );
    });
  });
});
