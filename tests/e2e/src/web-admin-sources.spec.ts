// The page functions below run in the browser.
/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startShopifyStub, type ShopifyProduct, type ShopifyStub } from './shopify-stub.js';
import { screenshot, startWebApp, until, WAIT_MS, type WebApp } from './web-browser.js';

/**
 * The operators' console in a real browser against `pnpm start` with trusted documents only: an
 * admin adds a shop, writes its shipping rules while the estimate check prices a parcel (and
 * refuses a bad rate beside its field), then adds a Shopify source for the spec's own local shop
 * (options refused per kind, then right), previews it, saves it, runs it and reads the run's
 * raw listings, and confirms a shop the pipeline created provisionally. Screenshots on a desktop and
 * a phone go to test-results/web/.
 */
const ADMIN = { email: 'operator@example.com', password: 'console spec operator passphrase' };
const SHOP = 'Console Spec Records';
const SOURCE = 'Console Spec Shopify';
const PHONE = { width: 375, height: 800 };

const products: ShopifyProduct[] = [
  {
    id: 9101,
    title: 'Exercises in Futility',
    handle: 'exercises-in-futility-lp',
    vendor: 'Mgła',
    product_type: 'Vinyl',
    tags: [],
    variants: [{ id: 9201, title: 'LP', sku: 'CONSOLE-EIF-LP', price: '27.00', available: true }],
    images: [],
  },
  {
    id: 9102,
    title: 'Hymns to the Huntress',
    handle: 'hymns-to-the-huntress-cd',
    vendor: 'Kriegsmaschine',
    product_type: 'CD',
    tags: [],
    variants: [{ id: 9202, title: 'CD', sku: 'CONSOLE-HTH-CD', price: '14.00', available: true }],
    images: [],
  },
];

let shop: ShopifyStub | undefined;
let app: WebApp;
let base = '';
const openPage = (viewport?: { width: number; height: number }) => app.openPage(viewport);

beforeAll(async () => {
  shop = await startShopifyStub(() => products);
  // Trusted documents only (as startWebApp runs it): every console request is an operation of the manifest.
  app = await startWebApp('web-console', { admin: ADMIN });
  base = app.base;
}, 300_000);

afterAll(async () => {
  await app?.close();
  await shop?.close();
});

/** A phone page fits its width: nothing scrolls sideways but the tables that are meant to. */
async function fitsPhone(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
}

/** The estimate panel's text once it says what the test waits for. */
async function estimateSays(page: Page, text: string | RegExp) {
  await page.getByTestId('shipping-check').filter({ hasText: text }).waitFor({ timeout: WAIT_MS });
}

describe("the operators' console", () => {
  it('adds a shop with shipping rules checked live, then a source for it: preview, save, run, listings', async () => {
    const page = await openPage();
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin', exact: true }).click();
    await page.getByTestId('sources').waitFor({ timeout: WAIT_MS });

    // A shop: created from the console's Shops section, then straight to its shipping rules.
    const consoleNav = page.getByRole('navigation', { name: 'Console' });
    await consoleNav.getByRole('link', { name: 'Shops' }).click();
    await page.getByTestId('shops').waitFor({ timeout: WAIT_MS });
    await page.getByRole('link', { name: 'Add shop' }).click();
    await page.getByLabel('Name', { exact: true }).fill(SHOP);
    await page.getByLabel('Country', { exact: true }).fill('de');
    await page.getByLabel('Currency', { exact: true }).fill('EURO');
    await page.getByLabel('Website', { exact: true }).fill('https://console-spec.example');
    await page.getByRole('button', { name: 'Create shop' }).click();
    // The server's field error beside the field; nothing is created until it is right.
    await page.locator('#shop-currency-error').filter({ hasText: /\S/ }).waitFor({ timeout: WAIT_MS });
    expect(await page.getByLabel('Currency', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Currency', { exact: true }).fill('EUR');
    await page.getByRole('button', { name: 'Create shop' }).click();
    await page.getByRole('heading', { level: 1, name: `Shipping of ${SHOP}` }).waitFor({ timeout: WAIT_MS });

    // The shipping rules, priced as they are typed: one LP (320 g + 150 g packaging) to Germany.
    await page.getByLabel('Handling fee').fill('1.50');
    await page.getByLabel('Carrier', { exact: true }).fill('DHL');
    await page.getByLabel('Bracket 1 price').fill('4.99');
    await page.getByLabel('Free shipping from').fill('50');
    await estimateSays(page, '6.49 EUR');
    expect(await page.getByTestId('shipping-check').textContent()).toContain('470 g');
    await page.getByLabel(/^Items cost/).fill('60.00');
    await estimateSays(page, /Free/);
    await page.getByLabel('Destination country').fill('US');
    await estimateSays(page, 'COUNTRY_NOT_SERVED');
    // A second zone for the rest of the world, with a rate the server refuses beside its field.
    await page.getByRole('button', { name: 'Add zone' }).click();
    const world = page.getByTestId('zone-1');
    await world.getByLabel('Zone name').fill('World');
    await world.getByLabel('Countries').fill('WORLD');
    await world.getByLabel('Carrier', { exact: true }).fill('Deutsche Post');
    await world.getByLabel('Bracket 1 price').fill('-3');
    await estimateSays(page, 'Fix the marked fields');
    await page.locator('#zone-1-rate-0-price-error').filter({ hasText: 'must be an amount' }).waitFor({ timeout: WAIT_MS });
    await world.getByLabel('Bracket 1 price').fill('12.00');
    await world.getByLabel('Bracket 1 to grams').fill('500');
    await world.getByRole('button', { name: 'Add bracket to zone 2' }).click();
    await world.getByLabel('Bracket 2 from grams').fill('400');
    await world.getByLabel('Bracket 2 price').fill('19.00');
    // Overlapping brackets are the server's to refuse: its message shows beside bracket 2.
    await page.locator('#zone-1-rate-1-min-error').filter({ hasText: 'overlaps the bracket 0-500 g' }).waitFor({ timeout: WAIT_MS });
    await world.getByLabel('Bracket 2 from grams').fill('501');
    await estimateSays(page, '13.50 EUR');
    expect(await page.getByTestId('shipping-check').textContent()).toContain('World');
    await screenshot(page, 'console-shipping');
    await page.getByRole('button', { name: 'Save shipping profile' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor({ timeout: WAIT_MS });
    // Read back after a reload: the stored profile fills the editor.
    await page.reload();
    await page.getByTestId('zone-1').waitFor({ timeout: WAIT_MS });
    expect(await page.getByTestId('zone-1').getByLabel('Countries').inputValue()).toBe('WORLD');
    expect(await page.getByLabel('Handling fee').inputValue()).toBe('1.50');

    // A source for the shop: options checked per kind by the server, then a preview.
    await consoleNav.getByRole('link', { name: 'Sources' }).click();
    await page.getByRole('link', { name: 'Add source' }).click();
    // A known shop's preset fills the form (the server's sourcePresets); this spec then writes its own.
    await page.getByLabel('Preset').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Use preset' }).click();
    expect(await page.getByLabel('URL', { exact: true }).inputValue()).toMatch(/^https?:\/\//);
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).not.toBe('');
    expect(await page.getByLabel('Options (JSON)').inputValue()).toMatch(/^\{/);
    await page.getByLabel('Name', { exact: true }).fill(SOURCE);
    await page.getByLabel('Kind').selectOption('SHOPIFY');
    await page.getByLabel('URL', { exact: true }).fill(shop!.url);
    await page.getByLabel('Shop', { exact: true }).selectOption({ label: SHOP });
    await page.getByLabel('Options (JSON)').fill('{"currency": "EUR", "vendorRole": "artist"');
    await page.getByTestId('options-errors').filter({ hasText: 'not valid JSON' }).waitFor();
    expect(await page.getByRole('button', { name: 'Preview' }).isDisabled()).toBe(true);
    await page.getByLabel('Options (JSON)').fill('{"currency": "EUR", "vendorRole": "artist"}');
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByTestId('options-errors').filter({ hasText: 'vendorRole' }).waitFor({ timeout: WAIT_MS });
    expect(await page.getByLabel('Options (JSON)').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Options (JSON)').fill('{"currency": "EUR", "vendorRole": "band"}');
    await page.getByLabel('Schedule', { exact: true }).fill('0 */6 * * *');
    await page.getByRole('button', { name: 'Preview' }).click();
    const preview = page.getByTestId('preview-listings');
    await preview.waitFor({ timeout: WAIT_MS });
    expect(await preview.locator('tbody tr').count()).toBe(2);
    expect(await preview.textContent()).toContain('Exercises in Futility');
    expect(await preview.textContent()).toContain('27.00 EUR');
    expect(await page.getByLabel('Field coverage').textContent()).toContain('title 2 of 2 (100%)');
    await screenshot(page, 'console-source-preview');

    // Saved, it opens on its runs; run now, and the run's listings are the shop's products.
    await page.getByRole('button', { name: 'Create source' }).click();
    await page.getByRole('heading', { level: 1, name: `Parser runs of ${SOURCE}` }).waitFor({ timeout: WAIT_MS });
    await page.getByText('This source has not run yet').waitFor({ timeout: WAIT_MS });
    await page.getByRole('button', { name: 'Run now' }).click();
    const runs = page.getByTestId('parser-runs');
    await runs.getByText('SUCCEEDED').waitFor({ timeout: WAIT_MS });
    expect(await runs.textContent()).toContain('2 listings (2 new');
    await screenshot(page, 'console-source-runs');
    await runs.getByRole('link', { name: /Listings and issues/ }).first().click();
    const listings = page.getByTestId('raw-listings');
    await listings.waitFor({ timeout: WAIT_MS });
    expect(await listings.locator('tbody tr').count()).toBe(2);
    expect(await listings.textContent()).toContain('Hymns to the Huntress');
    expect(await listings.textContent()).toContain('Kriegsmaschine');
    expect(await listings.locator('tbody tr').first().locator('td').last().textContent()).toBe('new');
    await screenshot(page, 'console-run-listings');
    const runUrl = page.url();

    // A shop the pipeline made from a sample listing's URL waits, provisional, for an operator.
    await consoleNav.getByRole('link', { name: 'Shops' }).click();
    const provisional = page.getByTestId('shops').locator('tbody tr', { hasText: 'provisional' });
    await until('a provisional shop', async () => {
      await page.reload();
      await page.getByTestId('shops').waitFor({ timeout: WAIT_MS });
      return (await provisional.count()) > 0;
    });
    const provisionalName = (await provisional.first().locator('td').first().textContent())!.replace('provisional', '').trim();
    await provisional.first().getByRole('link', { name: `Confirm ${provisionalName}` }).click();
    await page.getByRole('heading', { level: 1, name: 'Confirm shop' }).waitFor({ timeout: WAIT_MS });
    // Its placeholder country and currency are not offered as values: the operator types them.
    expect(await page.getByLabel('Country', { exact: true }).inputValue()).toBe('');
    await page.getByLabel('Country', { exact: true }).fill('US');
    await page.getByLabel('Currency', { exact: true }).fill('USD');
    await page.getByRole('button', { name: 'Confirm shop' }).click();
    const confirmed = page.getByTestId('shops').locator('tbody tr', { hasText: provisionalName });
    await confirmed.getByRole('link', { name: `Edit ${provisionalName}` }).waitFor({ timeout: WAIT_MS });
    expect(await confirmed.textContent()).not.toContain('provisional');
    expect(await confirmed.textContent()).toContain('USD');

    // The same pages on a phone, then the source list with the new source and its last run.
    const phone = await openPage(PHONE);
    for (const [name, url, ready] of [
      ['console-run-listings-phone', runUrl, 'raw-listings'],
      ['console-sources-phone', `${base}/admin/sources`, 'sources'],
      ['console-shops-phone', `${base}/admin/shops`, 'shops'],
    ] as const) {
      await phone.goto(url);
      await phone.getByTestId(ready).waitFor({ timeout: WAIT_MS });
      await fitsPhone(phone);
      await screenshot(phone, name);
    }
    expect(await phone.getByTestId('shops').textContent()).toContain(SHOP);
    await phone.getByRole('link', { name: `Shipping of ${SHOP}` }).click();
    await phone.getByTestId('zone-1').waitFor({ timeout: WAIT_MS });
    await estimateSays(phone, /EUR/);
    await fitsPhone(phone);
    await screenshot(phone, 'console-shipping-phone');
    await phone.goto(`${base}/admin/sources/new`);
    await phone.getByLabel('Options (JSON)').waitFor({ timeout: WAIT_MS });
    await fitsPhone(phone);
    await screenshot(phone, 'console-source-form-phone');
    await phone.close();

    expect(app.problems).toEqual([]);
  }, 600_000);
});
