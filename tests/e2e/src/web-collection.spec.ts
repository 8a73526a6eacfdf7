// The page functions below run in the browser.
/// <reference lib="dom" />
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginDocument, WebMyFollowsDocument, WebReleasesDocument } from '@mrt/operations';
import { screenshot, SCREENSHOTS, signUpInBrowser, startWebApp, until, WAIT_MS, type TrustedCall, type WebApp } from './web-browser.js';

/**
 * A fan's collection in the web app against `pnpm start` with trusted documents only: a messy
 * Discogs wantlist is pasted and imported (the report lists the row it could not match and the one
 * it could not read), the wanted release is followed through the event to notifications, the release
 * page shows it as wanted, and the CSV export downloads the imported row.
 */
const ADMIN = { email: 'operator@example.com', password: 'collection spec operator passphrase' };
const FAN = { name: 'Shelf Fan', email: `collection-${Date.now()}@example.com`, password: 'a long collection passphrase' };
const RELEASE = 'Age of Excuse';
const WANTLIST = [
  'Catalog#,Artist,Title,Label,Format,Rating,Released,release_id,Notes',
  'NS 001,Mgła (2),AGE OF EXCUSE,No Solace,"LP, Album",,2019,14023456,"first press, ""black"""',
  'X 2,Darkthrone*,,Peaceville,"CD, Album",,1994,2,',
  'X 3,Bathory,Blood Fire Death,Under One Flag,"LP, Album",,1988,3,',
  '',
].join('\r\n');

const filesDir = mkdtempSync(path.join(tmpdir(), 'mrt-web-collection-files-'));
let app: WebApp;
let base = '';
const call: TrustedCall = (document, variables, headers) => app.call(document, variables, headers);
const openPage = (viewport?: { width: number; height: number }) => app.openPage(viewport);

beforeAll(async () => {
  app = await startWebApp('web-collection', { admin: ADMIN, release: RELEASE });
  base = app.base;
}, 300_000);

afterAll(async () => {
  await app?.close();
  rmSync(filesDir, { recursive: true, force: true });
});

describe('the collection in the web app', () => {
  it('imports a Discogs wantlist, reports its bad rows, follows the wanted release and exports it', async () => {
    const page = await openPage();
    await signUpInBrowser(page, base, FAN);
    await page.getByRole('link', { name: FAN.name }).waitFor({ timeout: WAIT_MS });

    await page.getByRole('link', { name: 'Collection', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'My collection' }).waitFor();
    await page.getByText('Your collection is empty.').waitFor({ timeout: WAIT_MS });

    await page.getByLabel('Or paste it here').fill(WANTLIST);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const report = page.getByTestId('import-report');
    await report.waitFor({ timeout: WAIT_MS });
    expect(await report.locator('p').first().textContent()).toBe('1 imported · 0 already in your collection · 1 not found · 1 unreadable');
    expect(await page.getByTestId('import-unmatched').textContent()).toContain('Line 4: Bathory – Blood Fire Death');
    expect(await page.getByTestId('import-invalid').textContent()).toContain('Line 3: Title is empty');
    const item = page.getByTestId('collection-item');
    await item.first().waitFor({ timeout: WAIT_MS });
    expect(await item.count()).toBe(1);
    expect(await item.first().textContent()).toMatch(/Wanted.*Age of Excuse.*12" vinyl album|Wanted.*Age of Excuse/);

    // The wanted release is followed: the releases subgraph's event reached notifications.
    const { login } = await call(LoginDocument, { input: { email: FAN.email, password: FAN.password } }, {});
    const fan = { authorization: `Bearer ${login.accessToken}` };
    const { releases } = await call(WebReleasesDocument, { filter: { search: RELEASE } });
    const releaseId = releases.edges.find((edge) => edge.node.title === RELEASE)!.node.id;
    await until('the follow of the wanted release', async () => (await call(WebMyFollowsDocument, {}, fan)).myFollows.some((follow) => follow.targetType === 'RELEASE' && follow.targetId === releaseId));

    // The export downloads what was imported.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export as CSV' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('Artist,Title,Format,Status,Release ID,Added');
    expect(csv).toContain(`Mgła,${RELEASE},LP,WANT,${releaseId},`);
    await screenshot(page, 'collection');

    // Filters, by keyboard: owned only shows nothing yet.
    await page.getByLabel('Show').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.getByLabel('Show').inputValue()).toBe('HAVE');
    await page.getByText('Nothing in your collection matches these filters.').waitFor({ timeout: WAIT_MS });

    // The release page shows it wanted; "I have it" moves it to the shelf.
    await page.goto(`${base}/releases/${releaseId}`);
    await page.getByRole('button', { name: 'Wanted' }).waitFor({ timeout: WAIT_MS });
    expect(await page.getByRole('button', { name: 'Wanted' }).getAttribute('aria-pressed')).toBe('true');

    const phone = await openPage({ width: 390, height: 844 });
    await phone.goto(`${base}/collection`);
    await phone.getByTestId('collection-item').first().waitFor({ timeout: WAIT_MS });
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(phone, 'collection-phone');
    await phone.close();
    expect(app.problems).toEqual([]);
  }, 240_000);

  it('sends a Discogs export over the gateway\'s 100 kB body limit in parts and reports the whole file', async () => {
    // About 150 kB: a BOM, CRLF, quoted notes over two lines, and the one release the catalogue has, last.
    const rows = Array.from({ length: 1600 }, (_, i) => `X ${i},Unknown Band ${i},"Unknown Title, ${i}",Nobody,"LP, Album",,2001,${100000 + i},"note\r\nline ${i}"`);
    const file = `\uFEFF${[WANTLIST.split('\r\n')[0], ...rows, 'NS 001,Mgła (2),AGE OF EXCUSE,No Solace,"LP, Album",,2019,14023456,'].join('\r\n')}\r\n`;
    expect(new TextEncoder().encode(file).length).toBeGreaterThan(100_000);
    const filePath = path.join(filesDir, 'big-wantlist.csv');
    writeFileSync(filePath, file);

    const page = await openPage();
    await page.goto(`${base}/collection`);
    await page.getByRole('heading', { level: 1, name: 'My collection' }).waitFor();
    await page.getByLabel('CSV file').setInputFiles(filePath);
    await page.getByText('Read from big-wantlist.csv').waitFor();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const report = page.getByTestId('import-report');
    await report.waitFor({ timeout: WAIT_MS });
    expect(await page.getByTestId('import-progress').textContent()).toMatch(/^Sent in [3-9] parts\.$/);
    // The first spec imported the album: it is already there; every other row is reported by its line in the file.
    expect(await report.locator('p').first().textContent()).toBe('0 imported · 1 already in your collection · 1600 not found · 0 unreadable');
    const unmatched = await page.getByTestId('import-unmatched').locator('li').allTextContents();
    expect(unmatched[0]).toMatch(/^Line 2: Unknown Band 0 – Unknown Title, 0/);
    // Each row takes two lines of the file (its note has a line break).
    expect(unmatched.at(-1)).toMatch(/^Line 3200: Unknown Band 1599 – Unknown Title, 1599/);
    // The page lists 1600 rows: the viewport around the report, not the whole page.
    await page.getByTestId('import-progress').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'collection-big-import.png') });
    await page.close();
    expect(app.problems).toEqual([]);
  }, 240_000);
});
