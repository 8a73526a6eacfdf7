import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_SHOPS, type BenchListing, type BenchShop } from './shop-world.js';

/** Items per page as each platform pages its catalogue (Shopify's limit=250, Woo's per_page=100). */
export const PAGE_SIZE: Record<BenchShop['platform'], number> = { SHOPIFY: 250, WOOCOMMERCE: 100, JSON_LD: 100 };

const decimal = (cents: number) => (cents / 100).toFixed(2);
const FORMAT_WORDING: Record<BenchListing['format'], { variant: string; productType: string; category: string }> = {
  CD: { variant: 'CD', productType: 'CD', category: 'CD' },
  LP: { variant: 'LP - Black', productType: 'Vinyl', category: 'Vinyl' },
  MC: { variant: 'Cassette', productType: 'Tape', category: 'Cassette' },
  '2LP': { variant: '2LP - Gatefold', productType: 'Vinyl', category: 'Vinyl' },
};

function shopifyProduct(listing: BenchListing) {
  const wording = FORMAT_WORDING[listing.format];
  return {
    id: listing.id,
    title: listing.title,
    handle: `product-${listing.id}`,
    body_html: `<p>Release date: ${listing.releaseDate}</p>`,
    vendor: listing.band,
    product_type: wording.productType,
    tags: [`Genre_${listing.genre}`, `Label_${listing.label}`],
    variants: [
      { id: 900_000_000 + listing.id, title: wording.variant, option1: wording.variant, option2: null, option3: null, sku: `SKU-${listing.id}`, price: decimal(listing.priceCents), available: listing.stock === 'IN_STOCK' },
    ],
    images: [],
  };
}

function wooCommerceProduct(listing: BenchListing, origin: string) {
  const attribute = (id: number, name: string, value: string) => ({ id, name, taxonomy: `pa_${name.toLowerCase()}`, has_variations: false, terms: [{ id: id * 1000, name: value, slug: value.toLowerCase() }] });
  const inStock = listing.stock === 'IN_STOCK';
  return {
    id: listing.id,
    name: `${listing.band} &#8211; ${listing.title} ${listing.format}`,
    slug: `product-${listing.id}`,
    permalink: `${origin}/${listing.shop.key}/product/${listing.id}/`,
    sku: `SKU-${listing.id}`,
    short_description: '',
    description: '',
    prices: { price: String(listing.priceCents), regular_price: String(listing.priceCents), sale_price: String(listing.priceCents), price_range: null, currency_code: listing.shop.currency, currency_minor_unit: 2 },
    images: [],
    categories: [{ id: 1, name: FORMAT_WORDING[listing.format].category, slug: 'format' }, { id: 2, name: listing.genre, slug: 'genre' }],
    tags: [],
    attributes: [attribute(1, 'Band', listing.band), attribute(2, 'Format', listing.format), attribute(3, 'Label', listing.label), attribute(4, 'Genre', listing.genre), attribute(5, 'Release date', listing.releaseDate)],
    variations: [],
    is_in_stock: inStock,
    stock_availability: { text: inStock ? 'In stock' : 'Out of stock', class: inStock ? 'in-stock' : 'out-of-stock' },
  };
}

function jsonLdPage(listings: BenchListing[], page: number, last: boolean, origin: string, shop: BenchShop): string {
  const list = {
    '@context': 'https://schema.org',
    '@type': 'ItemList',
    itemListElement: listings.map((listing, index) => ({
      '@type': 'ListItem',
      position: index + 1,
      item: {
        '@type': 'Product',
        name: `${listing.band} - ${listing.title} [${listing.format}]`,
        sku: `SKU-${listing.id}`,
        url: `${origin}/${shop.key}/product-${listing.id}.html`,
        brand: { '@type': 'Brand', name: listing.label },
        category: FORMAT_WORDING[listing.format].category,
        genre: listing.genre,
        releaseDate: listing.releaseDate,
        offers: {
          '@type': 'Offer',
          price: decimal(listing.priceCents),
          priceCurrency: shop.currency,
          availability: listing.stock === 'IN_STOCK' ? 'https://schema.org/InStock' : 'https://schema.org/OutOfStock',
        },
      },
    })),
  };
  const next = last ? '' : `<link rel="next" href="listing-${page + 1}.html">`;
  return `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>${shop.name} - page ${page}</title>${next}\n<script type="application/ld+json">${JSON.stringify(list)}</script></head>\n<body><h1>${shop.name}</h1></body></html>\n`;
}

/** The file answering a page of a shop: what the server looks up (see shop-server.ts). */
export function pageFile(shop: BenchShop, page: number): string {
  return join(shop.key, shop.platform === 'JSON_LD' ? `listing-${page}.html` : `products-page-${page}.json`);
}

/**
 * Writes every shop's catalogue pages into `dir` (replacing the previous pass's): Shopify
 * products.json pages, WooCommerce Store API pages and JSON-LD listing pages linked by rel="next".
 * Returns the number of pages written.
 */
export function writeShopPages(dir: string, listings: BenchListing[], origin: string): number {
  let pages = 0;
  for (const shop of BENCH_SHOPS) {
    rmSync(join(dir, shop.key), { recursive: true, force: true });
    mkdirSync(join(dir, shop.key), { recursive: true });
    const own = listings.filter((listing) => listing.shop.key === shop.key);
    const size = PAGE_SIZE[shop.platform];
    const count = Math.ceil(own.length / size);
    for (let page = 1; page <= count; page++) {
      const slice = own.slice((page - 1) * size, page * size);
      const body =
        shop.platform === 'SHOPIFY'
          ? JSON.stringify({ products: slice.map(shopifyProduct) })
          : shop.platform === 'WOOCOMMERCE'
            ? JSON.stringify(slice.map((listing) => wooCommerceProduct(listing, origin)))
            : jsonLdPage(slice, page, page === count, origin, shop);
      writeFileSync(join(dir, pageFile(shop, page)), body);
      pages += 1;
    }
  }
  return pages;
}
