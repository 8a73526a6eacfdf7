import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { BENCH_SHOPS } from './shop-world.js';
import { pageFile } from './shop-pages.js';

export interface ShopServer {
  origin: string;
  /** Pages served since start (or the last reset). */
  served: number;
  close(): Promise<void>;
}

/**
 * Serves the bench shops' pages from `dir` over local HTTP, the way the platforms answer: Shopify
 * and WooCommerce page through a query parameter and answer an empty list past the last page;
 * JSON-LD listing pages are plain files. No validators (every pass reads every page in full) and a
 * robots.txt without Crawl-delay.
 */
export async function startShopServer(dir: string): Promise<ShopServer> {
  const shops = new Map(BENCH_SHOPS.map((shop) => [shop.key, shop]));
  const state = { served: 0 };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://bench.shops');
    if (url.pathname === '/robots.txt') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n');
    const [, key, ...rest] = url.pathname.split('/');
    const shop = shops.get(key ?? '');
    const path = rest.join('/');
    const page = Number(url.searchParams.get('page') ?? /^listing-(\d+)\.html$/.exec(path)?.[1] ?? NaN);
    const api = shop?.platform === 'SHOPIFY' ? path === 'products.json' : shop?.platform === 'WOOCOMMERCE' ? path === 'wp-json/wc/store/v1/products' : false;
    const known = shop && Number.isInteger(page) && (api || (shop.platform === 'JSON_LD' && path.startsWith('listing-')));
    if (!shop || !known) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    const file = join(dir, pageFile(shop, page));
    state.served += 1;
    if (existsSync(file)) {
      res.writeHead(200, { 'content-type': shop.platform === 'JSON_LD' ? 'text/html; charset=utf-8' : 'application/json' });
      return void res.end(readFileSync(file));
    }
    // Past the last page: the APIs answer an empty list, a listing page does not exist.
    if (shop.platform === 'JSON_LD') return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(shop.platform === 'SHOPIFY' ? '{"products":[]}' : '[]');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get served() {
      return state.served;
    },
    set served(value: number) {
      state.served = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
