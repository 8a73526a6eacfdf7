import type { SourceKind } from '@mrt/events';

/**
 * The shops the original Metal Release Tracker reads, as configuration for the platform each
 * runs: no shop has code of its own. Selectors follow each platform's public markup (Magento 1
 * and 2 themes, osCommerce with microdata, WooCommerce's Store API, Shopify's products.json, the
 * shops' own templates); the specs check every preset against a page built that way.
 */
export interface SourcePresetDefinition {
  id: string;
  name: string;
  country: string;
  currency: string;
  /** The shop system, for the operator (what to look at when a preset stops matching). */
  platform: string;
  kind: SourceKind;
  url: string;
  options: Record<string, unknown>;
  /** A daily run: these catalogues change slowly and politeness matters more than minutes. */
  schedule: string;
}

const DAILY = (minute: number) => `${minute} 4 * * *`;

export const SOURCE_PRESETS: readonly SourcePresetDefinition[] = [
  {
    id: 'osmose-productions',
    name: 'Osmose Productions',
    country: 'FR',
    currency: 'EUR',
    platform: 'custom (ColdFusion shop)',
    kind: 'HTML',
    url: 'https://www.osmoseproductions.com/liste/?what=label&tete=osmose&srt=2',
    options: {
      currency: 'EUR',
      itemSelector: 'div.GshopListingABorder',
      fields: {
        band: 'span.TtypeC.TcolorC',
        title: 'span.TtypeH.TcolorC',
        format: 'span.TtypeC.TcolorD',
        price: '.GshopListingAPrice',
        stock: '.GshopListingASoldOut',
        url: 'div.GshopListingARightInfo a',
        image: 'div.GshopListingALeftPhoto img',
      },
      nextPageSelector: 'div.GtoursPaginationButtonTxt.on + a',
      defaultStock: 'IN_STOCK',
    },
    schedule: DAILY(5),
  },
  {
    id: 'drakkar',
    name: 'Drakkar',
    country: 'DE',
    currency: 'EUR',
    platform: 'WooCommerce',
    kind: 'WOOCOMMERCE',
    url: 'https://www.drakkar666.com/',
    options: { currency: 'EUR' },
    schedule: DAILY(10),
  },
  {
    id: 'black-metal-vendor',
    name: 'Black Metal Vendor',
    country: 'DE',
    currency: 'EUR',
    platform: 'osCommerce (microdata)',
    kind: 'JSON_LD',
    url: 'https://black-metal-vendor.com/products_new.php',
    options: {
      currency: 'EUR',
      brandRole: 'label',
      productLinkSelector: 'div.listingbox div.lb_title h2 a',
      nextPageSelector: 'a.pageResults[title*="nächste"], a.pageResults[title*="Next"]',
    },
    schedule: DAILY(15),
  },
  {
    id: 'black-metal-store',
    name: 'Black Metal Store',
    country: 'BR',
    currency: 'BRL',
    platform: 'WooCommerce',
    kind: 'WOOCOMMERCE',
    url: 'https://blackmetalstore.com/',
    options: { currency: 'BRL' },
    schedule: DAILY(20),
  },
  {
    id: 'napalm-records',
    name: 'Napalm Records',
    country: 'AT',
    currency: 'EUR',
    platform: 'Magento 2',
    kind: 'HTML',
    url: 'https://napalmrecords.com/english/music?product_list_dir=desc&product_list_order=release_date',
    options: {
      currency: 'EUR',
      itemSelector: 'li.product-item',
      fields: {
        band: 'div.custom-band-name',
        title: 'a.product-item-link',
        price: { selector: '[data-price-amount]', attr: 'data-price-amount' },
        stock: 'div.stock span',
        url: 'a.product-item-link',
        image: 'img.product-image-photo',
      },
      nextPageSelector: 'li.pages-item-next a.next',
      defaultStock: 'IN_STOCK',
    },
    schedule: DAILY(25),
  },
  {
    id: 'season-of-mist',
    name: 'Season of Mist',
    country: 'FR',
    currency: 'EUR',
    platform: 'Magento 1',
    kind: 'HTML',
    url: 'https://shop.season-of-mist.com/music',
    options: {
      currency: 'EUR',
      itemSelector: 'ul.products-grid li.item',
      fields: {
        fullName: 'h2.product-name a',
        price: 'span.price',
        stock: 'p.availability span',
        url: 'h2.product-name a',
        image: 'a.product-image img',
      },
      nextPageSelector: 'a.next.i-next',
      defaultStock: 'IN_STOCK',
    },
    schedule: DAILY(30),
  },
  {
    id: 'paragon-records',
    name: 'Paragon Records',
    country: 'US',
    currency: 'USD',
    platform: 'Shopify',
    kind: 'SHOPIFY',
    url: 'https://www.paragonrecords.org/',
    options: { currency: 'USD', vendorRole: 'label' },
    schedule: DAILY(35),
  },
  {
    id: 'werewolf-promotion',
    name: 'Werewolf Promotion',
    country: 'PL',
    currency: 'PLN',
    platform: 'WooCommerce',
    kind: 'WOOCOMMERCE',
    url: 'https://werewolf-webshop.pl/',
    options: { currency: 'PLN' },
    schedule: DAILY(40),
  },
  {
    id: 'avantgarde-music',
    name: 'Avantgarde Music',
    country: 'IT',
    currency: 'EUR',
    platform: 'custom (Sound Cave shop, JSON-LD product pages)',
    kind: 'JSON_LD',
    url: 'https://www.sound-cave.com/en/shop/cd',
    options: {
      currency: 'EUR',
      brandRole: 'band',
      productLinkSelector: 'a.product-card',
      nextPageSelector: 'ul.pagination li.active + li a',
    },
    schedule: DAILY(45),
  },
];

export function findPreset(id: string): SourcePresetDefinition | undefined {
  return SOURCE_PRESETS.find((preset) => preset.id === id);
}
