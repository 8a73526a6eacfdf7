// The page functions below run in the browser.
/// <reference lib="dom" />
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import {
  CreateDistributorDocument,
  CreateSourceDocument,
  LoginDocument,
  ParserRunStatusDocument,
  RunParserDocument,
  WebFollowDocument,
  WebMyFollowsDocument,
  WebNotificationChannelsDocument,
  WebNotificationPreferencesDocument,
  WebNotificationsDocument,
  WebSearchBandsDocument,
  WebUpdateNotificationChannelDocument,
  WebUpdateNotificationPreferencesDocument,
} from '@mrt/operations';
import { launchSupergraph, type LaunchedSupergraph } from './processes.js';
import { startShopifyStub, type ShopifyProduct, type ShopifyStub } from './shopify-stub.js';
import { ensureWebBuilt, launchBrowser, openPage as openPageWith, sampleRunsFinish, screenshot, trustedCaller, until, WEB_DIST, signUpInBrowser } from './web-browser.js';

/**
 * A fan's notification channels in the web app, against `pnpm start` with trusted documents only:
 * a Discord channel at a local Discord-speaking server (private hosts allowed, as in development),
 * an ntfy topic whose server keeps failing, a refused URL with its error beside the field, a
 * Telegram link, a follow that chooses its channels, and then a shop's new offer delivered to
 * Discord while ntfy waits for its retry, as the notifications page shows.
 */
const ADMIN = { email: 'operator@example.com', password: 'channels spec operator passphrase' };
const FAN = { name: 'Channel Fan', email: `channels-${Date.now()}@example.com`, password: 'a long channels passphrase' };
const BAND = 'Mgła';
const WEBHOOK_PATH = `/api/webhooks/123456789012/${'WebhookToken_'.repeat(4)}`;

/** Discord (answers like Discord with wait=true) and an ntfy server that fails every publish. */
class ChannelServers {
  readonly discordPosts: unknown[] = [];
  ntfyPosts = 0;
  private server: Server | undefined;
  origin = '';

  async start() {
    this.server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        const url = new URL(request.url ?? '/', 'http://local');
        if (request.method === 'POST' && url.pathname === WEBHOOK_PATH) {
          this.discordPosts.push(JSON.parse(body));
          response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `msg-${this.discordPosts.length}` }));
        } else if (request.method === 'POST' && url.pathname === '/' && (JSON.parse(body) as { topic?: string }).topic === 'failing-topic') {
          // ntfy's JSON publishing: the server root, the topic in the body.
          this.ntfyPosts += 1;
          response.writeHead(500, { 'content-type': 'text/plain' }).end('ntfy is down');
        } else response.writeHead(404).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** A fresh VAPID key pair in the base64url forms the notifications service reads. */
function vapidKeys() {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const pub = publicKey.export({ format: 'jwk' });
  const raw = Buffer.concat([Buffer.from([4]), Buffer.from(pub.x!, 'base64url'), Buffer.from(pub.y!, 'base64url')]);
  return { VAPID_PUBLIC_KEY: raw.toString('base64url'), VAPID_PRIVATE_KEY: privateKey.export({ format: 'jwk' }).d!, VAPID_SUBJECT: 'mailto:ops@example.com' };
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'mrt-web-channels-'));
const profileDir = mkdtempSync(path.join(tmpdir(), 'mrt-web-channels-chromium-'));
const channels = new ChannelServers();
let service: LaunchedSupergraph | undefined;
let shop: ShopifyStub | undefined;
let browser: BrowserContext | undefined;
let base = '';
let admin: Record<string, string> = {};
let fan: Record<string, string> = {};
let sourceId = '';
/** Products the shop starts selling later in the run (a new offer that notifies the fan again). */
const laterProducts: ShopifyProduct[] = [];
let ageOfExcusePrice = '14.00';
const problems: string[] = [];
const call = trustedCaller(() => `${base}/graphql`, () => admin);
const openPage = (viewport?: { width: number; height: number }) => openPageWith(browser!, problems, viewport);

/** Every text field, select and checkbox has a label: the page works with a screen reader. */
async function unlabelledControls(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('input, select, textarea')]
      .filter((control) => !(control as HTMLInputElement).labels?.length && !control.getAttribute('aria-label'))
      .map((control) => control.outerHTML),
  );
}

beforeAll(async () => {
  ensureWebBuilt();
  await channels.start();
  // The offer that notifies the fan: the sample band's album at a shop the spec adds later.
  shop = await startShopifyStub(() => [
    ...laterProducts,
    {
      id: 9101,
      title: 'Age of Excuse',
      handle: 'age-of-excuse-cd',
      vendor: BAND,
      product_type: 'CD',
      tags: ['Genre_Black Metal'],
      variants: [{ id: 9201, title: 'CD', sku: 'CHANNELS-AOE-CD', price: ageOfExcusePrice, available: true }],
      images: [],
    },
  ]);
  service = await launchSupergraph(
    dataDir,
    {
      FETCH_DELAY_MS: '0',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      WEB_DIST_DIR: WEB_DIST,
      RATE_LIMIT_ENABLED: 'false',
      TRUSTED_DOCUMENTS_ONLY: 'true',
      // The spec's Discord and ntfy servers listen on loopback, which channels reach only when allowed.
      WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
      DISCORD_ORIGIN: channels.origin,
      // The failing ntfy delivery waits long for its retry: the page shows it pending.
      CHANNEL_RETRY_INITIAL_MS: '3600000',
      // Telegram links need a bot name only; nothing polls the (absent) Telegram API.
      TELEGRAM_BOT_TOKEN: '123456:channels-spec',
      TELEGRAM_BOT_USERNAME: 'mrt_channels_spec_bot',
      TELEGRAM_POLLING: 'false',
      ...vapidKeys(),
    },
    180_000,
  );
  base = service.origin;
  const { login } = await call(LoginDocument, { input: ADMIN }, {});
  admin = { authorization: `Bearer ${login.accessToken}` };
  await sampleRunsFinish(call);
  browser = await launchBrowser(profileDir);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  if (service) {
    service.child.kill('SIGTERM');
    await service.exited;
  }
  await shop?.close();
  await channels.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(profileDir, { recursive: true, force: true });
});

describe('notification channels in the web app', () => {
  it('adds channels, refuses a bad URL beside its field, chooses channels on a follow and shows where a notification went', async () => {
    const page = await openPage();
    await signUpInBrowser(page, base, FAN);
    await page.getByRole('link', { name: FAN.name }).click();
    await page.getByRole('link', { name: 'Notification channels' }).click();
    await page.getByRole('heading', { level: 1, name: 'Notification channels' }).waitFor();
    await page.locator('.state-empty').filter({ hasText: 'No channels yet' }).waitFor();

    // A URL that is not a Discord webhook: the server's reason shows beside the field.
    const discordUrl = page.getByLabel('Discord webhook URL');
    await discordUrl.fill(`${channels.origin}/not-a-webhook`);
    await page.getByRole('button', { name: 'Add Discord' }).click();
    const urlError = page.locator('#add-discord-url-error');
    await expect.poll(() => urlError.textContent()).toMatch(/must be a Discord webhook URL/);
    expect(await discordUrl.getAttribute('aria-invalid')).toBe('true');

    await discordUrl.fill(`${channels.origin}${WEBHOOK_PATH}`);
    await page.getByLabel('Name (optional)').first().fill('Metal news');
    await page.getByRole('button', { name: 'Add Discord' }).click();
    const list = page.getByTestId('channels');
    await list.getByRole('heading', { name: /^Discord “Metal news”/ }).waitFor();
    expect(await urlError.textContent()).toBe('');
    // The webhook's token never shows; its host and the end of its id do.
    expect(await list.textContent()).toContain(`${new URL(channels.origin).host} · webhook …9012`);
    expect(await page.locator('main').textContent()).not.toContain('WebhookToken_');

    await page.getByLabel('ntfy topic URL').fill(`${channels.origin}/failing-topic`);
    await page.getByRole('button', { name: 'Add ntfy' }).click();
    await list.getByRole('heading', { name: /^ntfy/ }).waitFor();

    // This server sends no email: the form says so.
    await page.getByLabel('Email address').fill('fan@example.com');
    await page.getByRole('button', { name: 'Add Email' }).click();
    await page.locator('.channel-form').filter({ hasText: 'Email address' }).getByRole('alert').filter({ hasText: /not available/ }).waitFor();

    await page.getByRole('button', { name: 'Link Telegram' }).click();
    expect(await page.getByTestId('telegram-link').getAttribute('href')).toMatch(/^https:\/\/t\.me\/mrt_channels_spec_bot\?start=[\w-]+$/);
    await list.getByText('Waiting for you to press Start in Telegram').waitFor();
    // The server has VAPID keys and 127.0.0.1 is a secure context: push can be turned on here.
    expect(await page.getByRole('button', { name: 'Enable push in this browser' }).isEnabled()).toBe(true);
    expect(await list.getByTestId('channel').count()).toBe(3);
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'channels');

    const phone = await openPage({ width: 390, height: 844 });
    await phone.goto(`${base}/channels`);
    await phone.getByTestId('channels').waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(phone, 'channels-phone');
    await phone.close();

    // Follow the band, then choose Discord and ntfy for it on the follows page.
    const { login } = await call(LoginDocument, { input: { email: FAN.email, password: FAN.password } }, {});
    fan = { authorization: `Bearer ${login.accessToken}` };
    const { searchCatalog } = await call(WebSearchBandsDocument, { query: BAND }, fan);
    const band = searchCatalog.find((hit) => hit.kind === 'BAND' && hit.name === BAND)!;
    await call(WebFollowDocument, { input: { targetType: 'BAND', targetId: band.id } }, fan);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Follows' }).click();
    await page.getByRole('link', { name: BAND }).waitFor();
    const choice = page.locator('.channel-choice');
    await choice.getByLabel(/^Discord/).check();
    await choice.getByLabel(/^ntfy/).check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const { myNotificationChannels } = await call(WebNotificationChannelsDocument, {}, fan);
    const idOf = (kind: string) => myNotificationChannels.find((channel) => channel.kind === kind)!.id;
    const { myFollows } = await call(WebMyFollowsDocument, {}, fan);
    expect(new Set(myFollows[0]!.channelIds)).toEqual(new Set([idOf('DISCORD'), idOf('NTFY')]));
    await page.reload();
    await page.getByRole('link', { name: BAND }).waitFor();
    await expect.poll(() => choice.getByLabel(/^Discord/).isChecked()).toBe(true);
    expect(await choice.getByLabel(/^Telegram/).isChecked()).toBe(false);
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'follows-channels');

    // A shop starts selling the album: the fan is told in the app, on Discord, and ntfy waits to retry.
    const { createDistributor } = await call(CreateDistributorDocument, {
      input: { name: 'Channels Spec Records', country: 'DE', websiteUrl: 'https://channels-spec.example', currency: 'EUR' },
    });
    const { createSource } = await call(CreateSourceDocument, {
      input: { name: 'Channels Spec Records', kind: 'SHOPIFY', url: shop!.url, distributorId: createDistributor.id, options: { currency: 'EUR' } },
    });
    sourceId = createSource.id;
    const { runParser } = await call(RunParserDocument, { sourceId });
    await until('the parser run', async () => {
      const { parserRun } = await call(ParserRunStatusDocument, { id: runParser.id });
      return parserRun?.status === 'SUCCEEDED';
    });
    await until('the Discord message', async () => channels.discordPosts.length > 0 && channels.ntfyPosts > 0);
    const deliveries = await until('both deliveries on the notifications page', async () => {
      await page.goto(`${base}/notifications`);
      await page.getByTestId('notification-list').waitFor();
      const line = page.getByTestId('deliveries').first();
      const text = (await line.count()) > 0 ? await line.textContent() : '';
      return text?.includes('Discord sent') && /ntfy retrying at .+\(HTTP.?500|ntfy is down/.test(text) ? text : null;
    });
    expect(deliveries).toContain('Discord sent');
    await screenshot(page, 'notifications-deliveries');

    // Remove the failing channel with the keyboard, after confirming; "Keep it" goes back to Remove.
    await page.getByRole('link', { name: FAN.name }).click();
    await page.getByRole('link', { name: 'Notification channels' }).click();
    await list.waitFor();
    const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim());
    await page.getByRole('button', { name: 'Remove ntfy' }).click();
    await page.getByRole('button', { name: 'Keep it' }).click();
    expect(await focused()).toBe('Remove ntfy');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    expect(await focused()).toBe('Remove ntfy');
    await page.keyboard.press('Enter');
    expect(await focused()).toBe('Yes, remove ntfy');
    await page.keyboard.press('Enter');
    await expect.poll(() => list.getByTestId('channel').count()).toBe(2);

    // On a phone nothing is wider than the screen.
    const phoneAgain = await openPage({ width: 390, height: 844 });
    for (const [url, ready] of [
      ['/follows', '.channel-choice'],
      ['/notifications', '[data-testid="deliveries"]'],
    ] as const) {
      await phoneAgain.goto(`${base}${url}`);
      await phoneAgain.locator(ready).first().waitFor();
      expect(await phoneAgain.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    }
    await phoneAgain.close();
    expect(problems).toEqual([]);
  }, 600_000);

  it('sets delivery preferences and a daily digest for a channel, with the error beside its field, and they persist', async () => {
    const page = await openPage();
    await page.goto(`${base}/channels`);
    const form = page.getByTestId('delivery-preferences');
    await form.getByRole('heading', { name: 'Delivery preferences' }).waitFor();
    // Never saved: the time zone starts at the browser's.
    const browserZone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(await form.getByLabel('Time zone').inputValue()).toBe(browserZone);

    await form.getByLabel('Time zone').selectOption('Europe/Berlin');
    await form.getByLabel('Language').selectOption('de');
    await form.getByLabel('Digests at').selectOption('7');
    await form.getByLabel('Weekly digest on').selectOption('FRIDAY');
    // Quiet hours with the keyboard: Space ticks the box, Enter in a field saves.
    await form.getByLabel('Quiet hours').focus();
    await page.keyboard.press('Space');
    await form.getByLabel('From').fill('22:00');
    await form.getByLabel('Until').fill('22:00');
    await form.getByLabel('Until').press('Enter');
    const untilError = page.locator('#delivery-preferences-quietHoursEnd-error');
    await expect.poll(() => untilError.textContent()).toBe('must differ from the start');
    expect(await form.getByLabel('Until').getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel('Until').fill('07:00');
    await form.getByRole('button', { name: 'Save preferences' }).click();
    await form.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect(await untilError.textContent()).toBe('');

    // Discord collects into a daily digest.
    const discordCard = page.getByTestId('channel').filter({ has: page.getByRole('heading', { name: /^Discord/ }) });
    await discordCard.getByLabel('Send').selectOption('DAILY');
    await until('the digest saved', async () => (await call(WebNotificationChannelsDocument, {}, fan)).myNotificationChannels.some((c) => c.kind === 'DISCORD' && c.digest === 'DAILY'));
    expect(await unlabelledControls(page)).toEqual([]);
    // The confirmation stays after the page reloaded its data.
    expect(await form.getByRole('status').textContent()).toBe('Saved.');
    await screenshot(page, 'channels-preferences');

    await page.reload();
    await form.getByRole('heading', { name: 'Delivery preferences' }).waitFor();
    expect(await form.getByLabel('Time zone').inputValue()).toBe('Europe/Berlin');
    expect(await form.getByLabel('Language').inputValue()).toBe('de');
    expect(await form.getByLabel('From').inputValue()).toBe('22:00');
    expect(await discordCard.getByLabel('Send').inputValue()).toBe('DAILY');
    const { myNotificationPreferences } = await call(WebNotificationPreferencesDocument, {}, fan);
    expect(myNotificationPreferences).toMatchObject({ timeZone: 'Europe/Berlin', language: 'de', digestHour: 7, digestWeekday: 'FRIDAY', quietHoursStart: '22:00', quietHoursEnd: '07:00' });

    const phone = await openPage({ width: 390, height: 844 });
    await phone.goto(`${base}/channels`);
    await phone.getByTestId('delivery-preferences').waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(phone, 'channels-preferences-phone');
    await phone.close();
    expect(problems).toEqual([]);
  }, 300_000);

  it('shows a Discord message held for the quiet hours as waiting for them to end, until when', async () => {
    // Quiet from an hour ago until two hours from now (UTC), and Discord back to instant messages.
    const clockOf = (date: Date) => date.toISOString().slice(11, 16);
    const now = Date.now();
    const quietEnd = clockOf(new Date(now + 2 * 3_600_000));
    await call(WebUpdateNotificationPreferencesDocument, { input: { timeZone: 'UTC', language: 'en', digestHour: 7, digestWeekday: 'FRIDAY', quietHoursStart: clockOf(new Date(now - 3_600_000)), quietHoursEnd: quietEnd } }, fan);
    const discord = (await call(WebNotificationChannelsDocument, {}, fan)).myNotificationChannels.find((c) => c.kind === 'DISCORD')!;
    await call(WebUpdateNotificationChannelDocument, { id: discord.id, input: { digest: 'INSTANT' } }, fan);
    const postsBefore = channels.discordPosts.length;

    // The shop lowers the album's price and starts selling another of the band's records: news for the fan.
    ageOfExcusePrice = '12.00';
    laterProducts.push({
      id: 9102,
      title: 'Exercises in Futility',
      handle: 'exercises-in-futility-lp',
      vendor: BAND,
      product_type: 'Vinyl',
      tags: ['Genre_Black Metal'],
      variants: [{ id: 9202, title: 'LP', sku: 'CHANNELS-EIF-LP', price: '24.00', available: true }],
      images: [],
    });
    const { runParser } = await call(RunParserDocument, { sourceId });
    await until('the second parser run', async () => (await call(ParserRunStatusDocument, { id: runParser.id })).parserRun?.status === 'SUCCEEDED');
    const held = await until('the Discord delivery held for the quiet hours', async () => {
      const { myNotifications } = await call(WebNotificationsDocument, {}, fan);
      return myNotifications.edges.flatMap((edge) => edge.node.deliveries).find((d) => d.channel === 'DISCORD' && d.heldFor === 'QUIET_HOURS') ?? null;
    });
    expect(held).toMatchObject({ status: 'PENDING', attempts: 0 });
    expect(clockOf(new Date(held.nextAttemptAt!))).toBe(quietEnd);

    const page = await openPage();
    await page.goto(`${base}/notifications`);
    await page.getByTestId('notification-list').waitFor();
    // The time of day in the browser's zone, as the page writes it.
    const endsAt = await page.evaluate((iso) => new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso)), held.nextAttemptAt!);
    const line = page.getByTestId('deliveries').filter({ hasText: 'waiting for quiet hours' });
    await line.waitFor();
    expect(await line.textContent()).toContain(`Discord waiting for quiet hours to end (until ${endsAt})`);
    await screenshot(page, 'notifications-quiet-hours');
    // Held back, not sent: Discord has heard nothing new.
    expect(channels.discordPosts.length).toBe(postsBefore);

    const phone = await openPage({ width: 375, height: 812 });
    await phone.goto(`${base}/notifications`);
    await phone.getByTestId('deliveries').filter({ hasText: 'waiting for quiet hours' }).waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(phone, 'notifications-quiet-hours-phone');
    await phone.close();
    expect(problems).toEqual([]);
  }, 300_000);
});
