// The page functions below run in the browser.
/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateDistributorDocument, CreateSourceDocument, ParserRunStatusDocument, RunParserDocument, SetShippingProfileDocument, WebReleasesDocument } from '@mrt/operations';
import { startShopifyStub, type ShopifyProduct, type ShopifyStub } from './shopify-stub.js';
import { screenshot, signUpInBrowser, startWebApp, until, WAIT_MS, type TrustedCall, type WebApp } from './web-browser.js';

/**
 * A release followed by one lifecycle step with a delivered-price condition, in the web app
 * against `pnpm start` with trusted documents only: a fan in Germany follows "in stock under
 * 40 EUR delivered to DE" in the release page's dialog; a new shop then lists the album in stock
 * at 31.00 EUR with 5.00 EUR shipping to Germany, and exactly one notification appears, saying
 * the delivered price it was judged on.
 */
const ADMIN = { email: 'operator@example.com', password: 'fan prices spec operator passphrase' };
const FAN = { name: 'Door Fan', email: `door-${Date.now()}@example.com`, password: 'a long door passphrase' };
const RELEASE = 'Age of Excuse';
const products = (): ShopifyProduct[] => [
  {
    id: 7101,
    title: RELEASE,
    handle: 'age-of-excuse-lp',
    vendor: 'Mgła',
    product_type: 'Vinyl',
    tags: ['Genre_Black Metal'],
    variants: [{ id: 8101, title: 'LP', sku: 'DOOR-AOE-LP', price: '31.00', available: true }],
    images: [],
  },
];

let shop: ShopifyStub | undefined;
let app: WebApp;
let base = '';
const call: TrustedCall = (document, variables, headers) => app.call(document, variables, headers);
const openPage = (viewport?: { width: number; height: number }) => app.openPage(viewport);

beforeAll(async () => {
  shop = await startShopifyStub(products);
  app = await startWebApp('web-fan-prices', { admin: ADMIN, release: RELEASE });
  base = app.base;
}, 300_000);

afterAll(async () => {
  await app?.close();
  await shop?.close();
});

describe('following a release to my door', () => {
  it('follows "in stock under 40 EUR delivered to DE" in the dialog, then one offer makes one notification', async () => {
    // The new shop and its shipping to Germany exist before the fan follows: nothing of theirs is news yet.
    const { createDistributor } = await call(CreateDistributorDocument, { input: { name: 'Door Price Records', country: 'DE', websiteUrl: 'https://door-price.example', currency: 'EUR' } });
    await call(SetShippingProfileDocument, {
      input: {
        distributorId: createDistributor.id,
        shipsFrom: 'DE',
        currency: 'EUR',
        handlingFee: '0.00',
        zones: [{ name: 'Germany', countries: ['DE'], freeShippingThreshold: null, carrier: { name: 'DHL', tracked: true, minDays: 1, maxDays: 3 }, rates: [{ minGrams: 0, maxGrams: 31500, price: '5.00' }] }],
      },
    });
    const { releases } = await call(WebReleasesDocument, { filter: { search: RELEASE } });
    const releaseId = releases.edges.find((edge) => edge.node.title === RELEASE)!.node.id;

    const page = await openPage();
    await signUpInBrowser(page, base, FAN, { country: 'DE' });
    await page.getByRole('link', { name: FAN.name }).waitFor({ timeout: WAIT_MS });
    await page.goto(`${base}/releases/${releaseId}`);
    await page.getByRole('heading', { level: 1, name: RELEASE }).waitFor({ timeout: WAIT_MS });
    // The cheapest copy delivered to the fan's country, converted, with the shop's own prices beside it.
    await expect.poll(() => page.getByTestId('lowest-delivered').textContent(), { timeout: WAIT_MS }).toMatch(/^Delivered to DE: from €\d+\.\d{2} \(.+ at the shop\)$/);
    await expect.poll(() => page.getByTestId('offer-row').first().textContent(), { timeout: WAIT_MS }).toMatch(/at the shop/);

    await page.getByRole('button', { name: 'Follow this release' }).click();
    const dialog = page.getByRole('dialog', { name: `Follow ${RELEASE}` });
    await dialog.waitFor();
    await dialog.getByLabel('Price drop', { exact: true }).uncheck();
    expect(await dialog.getByLabel('In stock', { exact: true }).isChecked()).toBe(true);
    await dialog.getByLabel(/^Only under this price delivered/).fill('40');
    // The country is the fan's profile country.
    expect(await dialog.getByLabel(/^Delivered to/).inputValue()).toBe('DE');
    await screenshot(page, 'fan-prices-follow-dialog');
    await dialog.getByRole('button', { name: 'Follow', exact: true }).click();
    await page.getByRole('button', { name: 'Following this release' }).waitFor({ timeout: WAIT_MS });
    expect(await dialog.isVisible()).toBe(false);

    await page.getByRole('link', { name: 'Follows' }).click();
    await page.getByRole('heading', { level: 1, name: 'My follows' }).waitFor();
    await expect.poll(() => page.getByTestId('follow-steps').textContent(), { timeout: WAIT_MS }).toBe('Tell me when: In stock · only under €40.00 delivered to DE. Change on the release page');
    await screenshot(page, 'fan-prices-follows');

    // The new shop lists the album in stock: 31.00 + 5.00 = 36.00 EUR delivered to DE.
    expect(await page.getByTestId('unread-count').count()).toBe(0);
    const { createSource } = await call(CreateSourceDocument, {
      input: { name: 'Door Price Records', kind: 'SHOPIFY', url: shop!.url, distributorId: createDistributor.id, options: { currency: 'EUR' } },
    });
    const { runParser } = await call(RunParserDocument, { sourceId: createSource.id });
    const run = await until('the parser run', async () => {
      const { parserRun } = await call(ParserRunStatusDocument, { id: runParser.id });
      return parserRun && !['QUEUED', 'RUNNING'].includes(parserRun.status) ? parserRun : null;
    });
    expect({ status: run.status, errors: run.errors }).toEqual({ status: 'SUCCEEDED', errors: [] });
    await page.getByTestId('unread-count').waitFor({ timeout: WAIT_MS });
    await page.getByTestId('notification-bell').click();
    const list = page.getByTestId('notification-list');
    await list.waitFor({ timeout: WAIT_MS });
    const told = await list.locator('li').allTextContents();
    expect(told).toHaveLength(1);
    expect(told[0]).toContain('Delivered to DE: 36.00 EUR.');
    await screenshot(page, 'fan-prices-notification');

    const phone = await openPage({ width: 375, height: 812 });
    await phone.goto(`${base}/releases/${releaseId}`);
    await phone.getByRole('button', { name: 'Following this release' }).waitFor({ timeout: WAIT_MS });
    await phone.getByTestId('lowest-delivered').waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(phone, 'fan-prices-release-phone');
    await phone.getByRole('button', { name: 'Following this release' }).click();
    await phone.getByRole('dialog').waitFor();
    // The dialog shows the follow as saved; Escape closes it.
    expect(await phone.getByLabel(/^Only under this price delivered/).inputValue()).toBe('40');
    await screenshot(phone, 'fan-prices-follow-dialog-phone');
    await phone.keyboard.press('Escape');
    await expect.poll(() => phone.getByRole('dialog').count()).toBe(0);
    await phone.close();
    expect(app.problems).toEqual([]);
  }, 300_000);
});
