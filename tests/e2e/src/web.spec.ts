// The page functions below run in the browser.
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { CreateDistributorDocument, CreateSourceDocument, LoginDocument, ParserRunStatusDocument, RunParserDocument } from '@mrt/operations';
import { launchSupergraph, REPO_ROOT, type LaunchedSupergraph } from './processes.js';
import { startShopifyStub, type ShopifyProduct, type ShopifyStub } from './shopify-stub.js';
import { demoReleaseArrives, ensureWebBuilt, launchBrowser, openPage as openPageWith, sampleRunsFinish, screenshot, trustedCaller, until, WAIT_MS, WEB_DIST, signUpInBrowser } from './web-browser.js';

/**
 * The web app in a real browser against `pnpm start` (the launcher as a child process, embedded
 * storage) whose gateway accepts only trusted documents, as in production: sign up, search,
 * compare offers, follow a band, then a shop changes a price and the bell counts up live over
 * graphql-ws. Screenshots of the main pages go to test-results/web/.
 */
const ADMIN = { email: 'operator@example.com', password: 'web spec operator passphrase' };
const FAN = { name: 'Web Fan', email: `fan-${Date.now()}@example.com`, password: 'a long web passphrase' };
const RELEASE = 'Age of Excuse';
const BAND = 'Mgła';

/** The price of the band's album at the spec's own Shopify shop, which the spec changes. */
let shopPrice = '31.00';
const shopProducts = (): ShopifyProduct[] => [
  {
    id: 7001,
    title: RELEASE,
    handle: 'age-of-excuse-lp',
    vendor: BAND,
    product_type: 'Vinyl',
    tags: ['Genre_Black Metal'],
    variants: [{ id: 8001, title: 'LP', sku: 'WEB-AOE-LP', price: shopPrice, available: true }],
    images: [],
  },
];

const dataDir = mkdtempSync(path.join(tmpdir(), 'mrt-web-'));
/**
 * The sample ECB document plus a hryvnia rate (the ECB publishes none; this stands for a source
 * that does), so the app can show and rank prices in UAH.
 */
const ratesFile = path.join(dataDir, 'rates-with-uah.xml');
writeFileSync(
  ratesFile,
  readFileSync(path.join(REPO_ROOT, 'subgraphs/delivery/samples/eurofxref-daily.xml'), 'utf8').replace(/(<Cube currency='USD'[^>]*\/>)/, "$1<Cube currency='UAH' rate='45.2000'/>"),
);
const profileDir = mkdtempSync(path.join(tmpdir(), 'mrt-web-chromium-'));
let service: LaunchedSupergraph | undefined;
let shop: ShopifyStub | undefined;
let browser: BrowserContext | undefined;
let base = '';
let graphqlUrl = '';
let admin: Record<string, string> = {};
const problems: string[] = [];

/** A trusted document by its hash alone, as the admin unless told otherwise. */
const call = trustedCaller(() => graphqlUrl, () => admin);

async function runSource(sourceId: string) {
  const { runParser } = await call(RunParserDocument, { sourceId });
  const run = await until('the parser run', async () => {
    const { parserRun } = await call(ParserRunStatusDocument, { id: runParser.id });
    return parserRun && !['QUEUED', 'RUNNING'].includes(parserRun.status) ? parserRun : null;
  });
  expect({ status: run.status, errors: run.errors }).toEqual({ status: 'SUCCEEDED', errors: [] });
}

const openPage = (viewport?: { width: number; height: number }) => openPageWith(browser!, problems, viewport);

/** The count on the bell badge; 0 when no badge shows. */
async function bellCount(page: Page): Promise<number> {
  const badge = page.getByTestId('unread-count');
  return (await badge.count()) === 0 ? 0 : Number(await badge.textContent());
}

async function bellRisesAbove(page: Page, previous: number): Promise<number> {
  await page.waitForFunction(
    (count) => Number(document.querySelector('[data-testid="unread-count"]')?.textContent ?? '0') > count,
    previous,
    { timeout: WAIT_MS, polling: 200 },
  );
  return bellCount(page);
}

beforeAll(async () => {
  ensureWebBuilt();
  shop = await startShopifyStub(shopProducts);
  service = await launchSupergraph(
    dataDir,
    {
      FETCH_DELAY_MS: '0',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      WEB_DIST_DIR: WEB_DIST,
      // The browser and the spec's own polling share one IP: no rate limit in the way.
      RATE_LIMIT_ENABLED: 'false',
      // Production mode for documents: the app must send only operations of the manifest.
      TRUSTED_DOCUMENTS_ONLY: 'true',
      CURRENCY_RATES_URL: ratesFile,
    },
    180_000,
  );
  base = service.origin;
  graphqlUrl = `${base}/graphql`;
  const { login } = await call(LoginDocument, { input: ADMIN }, {});
  admin = { authorization: `Bearer ${login.accessToken}` };
  // Anything else is refused: the app's own requests below prove they are trusted documents.
  const refused = await fetch(graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
  expect(((await refused.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('PERSISTED_QUERY_NOT_ALLOWED');
  await sampleRunsFinish(call);
  await demoReleaseArrives(call, RELEASE);
  browser = await launchBrowser(profileDir);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  if (service) {
    service.child.kill('SIGTERM');
    await service.exited;
  }
  await shop?.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(profileDir, { recursive: true, force: true });
});

describe('the web app against pnpm start', () => {
  it('signs up, compares offers, follows a band and sees the bell count rise live', async () => {
    const page = await openPage();
    await signUpInBrowser(page, base, FAN, { country: 'DE' });
    await page.getByRole('link', { name: FAN.name }).waitFor({ timeout: WAIT_MS });
    expect(new URL(page.url()).pathname).toBe('/releases');
    await page.getByTestId('release-list').waitFor({ timeout: WAIT_MS });
    await screenshot(page, 'releases');

    // Search, open the release: the price comparison shows several shops.
    await page.getByLabel('Search', { exact: true }).fill(RELEASE);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(/\/releases\?q=/);
    const result = page.getByRole('link', { name: RELEASE, exact: true }).first();
    await result.waitFor({ timeout: WAIT_MS });
    await result.click();
    await page.getByRole('heading', { level: 1, name: RELEASE }).waitFor({ timeout: WAIT_MS });
    const rows = page.getByTestId('offer-row');
    await rows.first().waitFor({ timeout: WAIT_MS });
    const shops = new Set((await rows.locator('td:first-child').allTextContents()).map((text) => text.trim()));
    expect(shops.size).toBeGreaterThanOrEqual(2);
    await expect.poll(() => page.locator('.price-chart').count()).toBeGreaterThan(0);
    // The release's life across shops: announced first, then what the shops did.
    const timeline = await page.getByTestId('timeline').locator('li').allTextContents();
    expect(timeline[0]).toContain('Announced');
    expect(timeline.some((step) => / at .+ · /.test(step))).toBe(true);
    await screenshot(page, 'release');

    // Follow the band; the release goes into the basket for later.
    await page.getByRole('button', { name: `Follow ${BAND}` }).click();
    await page.getByRole('button', { name: `Following ${BAND}` }).waitFor({ timeout: WAIT_MS });
    await page.getByRole('button', { name: 'Add to basket' }).click();
    const releaseUrl = page.url();

    await page.getByRole('link', { name: BAND }).first().click();
    await page.getByRole('heading', { level: 1, name: BAND }).waitFor({ timeout: WAIT_MS });
    await page.getByRole('button', { name: `Following ${BAND}` }).waitFor({ timeout: WAIT_MS });
    await screenshot(page, 'band');

    // A shop starts selling the album (a new offer), then drops its price: the bell counts up
    // over the subscription while the page stays loaded.
    await page.evaluate(() => ((window as unknown as { stayedLoaded: boolean }).stayedLoaded = true));
    const before = await bellCount(page);
    const { createDistributor } = await call(CreateDistributorDocument, {
      input: { name: 'Web Spec Records', country: 'DE', websiteUrl: 'https://web-spec.example', currency: 'EUR' },
    });
    const { createSource } = await call(CreateSourceDocument, {
      input: { name: 'Web Spec Records', kind: 'SHOPIFY', url: shop!.url, distributorId: createDistributor.id, options: { currency: 'EUR' } },
    });
    await runSource(createSource.id);
    const afterOffer = await bellRisesAbove(page, before);
    shopPrice = '24.50';
    await runSource(createSource.id);
    await bellRisesAbove(page, afterOffer);
    expect(await page.evaluate(() => (window as unknown as { stayedLoaded?: boolean }).stayedLoaded)).toBe(true);

    await page.getByTestId('notification-bell').click();
    await page.getByTestId('notification-list').waitFor({ timeout: WAIT_MS });
    expect(await page.getByTestId('notification-list').locator('li').count()).toBeGreaterThanOrEqual(2);
    await screenshot(page, 'notifications');

    await page.getByRole('link', { name: 'Follows' }).click();
    await page.getByRole('heading', { level: 1, name: 'My follows' }).waitFor();
    await page.getByRole('link', { name: BAND }).waitFor({ timeout: WAIT_MS });
    // Edit the follow: one more kind and a price ceiling, kept after a reload.
    await page.getByLabel('Price increase').check();
    await page.getByLabel(/^Max price/).fill('40');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await page.reload();
    await expect.poll(() => page.getByLabel(/^Max price/).inputValue()).toBe('40');
    expect(await page.getByLabel('Price increase').isChecked()).toBe(true);
    await page.getByRole('link', { name: BAND }).waitFor();
    await screenshot(page, 'follows');

    await page.getByRole('link', { name: 'Basket' }).click();
    await page.getByTestId('basket-items').waitFor();
    await page.getByRole('button', { name: 'Find the cheapest basket' }).click();
    await page.getByTestId('basket-plan').waitFor({ timeout: WAIT_MS });
    await screenshot(page, 'basket');

    await page.getByRole('link', { name: 'Calendar' }).click();
    await page.getByRole('heading', { level: 1, name: 'Upcoming releases' }).waitFor();
    await page.locator('.calendar-list li, .state-empty').first().waitFor();
    // The sample shops' "upcoming" releases are dated 2024 (samples/README.md): start there.
    await page.getByLabel('From').fill('2024-03-20');
    await page.locator('.calendar-list li').first().waitFor();
    await screenshot(page, 'calendar');

    await page.getByRole('link', { name: FAN.name }).click();
    await page.getByLabel('Country (two letters; shipping estimates use it)').fill('PL');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor({ timeout: WAIT_MS });
    await screenshot(page, 'profile');

    // Phone-sized: nothing wider than the screen, the menu folds into a button.
    const phone = await openPage({ width: 390, height: 844 });
    for (const [url, name] of [[`${base}/releases`, 'phone-releases'], [releaseUrl, 'phone-release']] as const) {
      await phone.goto(url);
      await phone.locator('[data-testid="release-list"], [data-testid="offers"]').first().waitFor({ timeout: WAIT_MS });
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await screenshot(phone, name);
    }
    await phone.getByRole('button', { name: 'Menu' }).click();
    await phone.getByRole('link', { name: 'Calendar' }).waitFor();
    await phone.close();

    // The operator's pages, signed in through the UI.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${base}/`);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Sign in', exact: true }).click();
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await nav.getByRole('link', { name: 'Admin', exact: true }).click();
    await page.getByTestId('sources').waitFor({ timeout: WAIT_MS });
    expect(await page.getByTestId('sources').locator('tbody tr').count()).toBeGreaterThan(1);
    await screenshot(page, 'admin-sources');
    await page.getByRole('link', { name: 'Web Spec Records', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: /Parser runs of Web Spec Records/ }).waitFor({ timeout: WAIT_MS });
    await screenshot(page, 'admin-runs');
    // The admin's audit log: the operator mutations this spec made (parser runs, the shop it added).
    await nav.getByRole('link', { name: 'Audit', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor({ timeout: WAIT_MS });
    await page.getByTestId('audit-log').waitFor({ timeout: WAIT_MS });
    expect(await page.getByTestId('audit-log').getByText('runParser').count()).toBeGreaterThan(0);
    await page.getByLabel('Outcome').selectOption('OK');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByTestId('audit-log').waitFor({ timeout: WAIT_MS });
    await page.getByTestId('audit-log').locator('details').first().locator('summary').click();
    await screenshot(page, 'admin-audit');

    expect(problems).toEqual([]);
  }, 600_000);

  it('puts the really cheapest release first in hryvnias, each price beside the shop\'s own', async () => {
    const page = await openPage();
    await page.goto(`${base}/releases`);
    await page.getByLabel('Currency').selectOption('UAH');
    // The rates reach releases through delivery's event: reload until the list shows hryvnias
    // (Intl puts a no-break space between the code and the amount).
    const prices = await until('prices in hryvnias', async () => {
      await page.goto(`${base}/releases?sort=PRICE_ASC`);
      await page.getByTestId('release-list').waitFor();
      const texts = await page.getByTestId('release-price').allTextContents();
      return texts[0]?.startsWith('from UAH') ? texts : null;
    });
    await screenshot(page, 'releases-uah');
    const shown = prices.filter((text) => text.startsWith('from UAH')).map((text) => Number(/^from UAH\s([\d,]+\.\d{2})/.exec(text)![1]!.replace(/,/g, '')));
    expect(shown.length).toBeGreaterThanOrEqual(5);
    // Cheapest first in the currency shown, whatever each shop charges in.
    expect([...shown].sort((a, b) => a - b)).toEqual(shown);
    const shopCurrencies = new Set(prices.map((text) => /\((\D+?)\s?[\d.,]+ at the shop\)/.exec(text)?.[1]?.trim()).filter(Boolean));
    expect(shopCurrencies.size).toBeGreaterThanOrEqual(2);
    // Nothing converted is listed after a release that could not be priced.
    expect(prices.slice(0, shown.length).every((text) => text.startsWith('from UAH'))).toBe(true);
    await page.close();
  });

  it('is usable with the keyboard: a skip link first, every control labelled and reachable', async () => {
    const page = await openPage();
    await page.goto(`${base}/releases`);
    await page.getByTestId('release-list').waitFor({ timeout: WAIT_MS });
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll('input, select, textarea')]
        .filter((control) => !(control as HTMLInputElement).labels?.length && !control.getAttribute('aria-label'))
        .map((control) => control.outerHTML),
    );
    expect(unlabelled).toEqual([]);
    // Tabbing reaches the search box and a release link, and Enter on a link navigates.
    const reached = new Set<string>();
    for (let step = 0; step < 40; step += 1) {
      await page.keyboard.press('Tab');
      reached.add(await page.evaluate(() => `${document.activeElement?.tagName}:${document.activeElement?.id || document.activeElement?.className}`));
    }
    expect([...reached]).toEqual(expect.arrayContaining(['INPUT:release-search', 'A:card-link']));
    await page.locator('a.card-link').first().focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('offers').or(page.locator('.state-empty')).first().waitFor({ timeout: WAIT_MS });
    expect(new URL(page.url()).pathname).toMatch(/^\/releases\/.+/);
    expect(problems).toEqual([]);
  }, 120_000);
});
