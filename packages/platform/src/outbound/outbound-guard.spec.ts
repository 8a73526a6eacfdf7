import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyAddress } from './address-policy.js';
import { DestinationRefusedError, OutboundGuard, type HostResolver } from './outbound-guard.js';

/** Every spelling of a loopback, private or otherwise internal address the probe tried, and more. */
const FORBIDDEN_ALWAYS = [
  '169.254.169.254',
  '169.254.0.1',
  '0.0.0.0',
  '0.1.2.3',
  '224.0.0.1',
  '239.255.255.250',
  '255.255.255.255',
  '192.0.2.10', // documentation
  '198.51.100.7',
  '203.0.113.1',
  '198.18.0.1', // benchmarking
  '240.0.0.1', // reserved
  '::',
  'fe80::1',
  'ff02::1',
  'fd00:ec2::254', // AWS metadata over IPv6
  '2001:db8::1', // documentation
  '::ffff:169.254.169.254',
  '::ffff:a9fe:a9fe',
  '64:ff9b::a9fe:a9fe', // NAT64 of the metadata address
  '64:ff9b:1::1', // local-use NAT64
  '2001::1', // Teredo
  '100::1', // discard
  'fec0::1', // deprecated site-local
];
const PRIVATE = [
  '127.0.0.1',
  '127.1.2.3',
  '10.1.2.3',
  '172.16.0.1',
  '172.31.255.255',
  '192.168.0.1',
  '100.64.0.1', // CGNAT
  '::1',
  'fd00::1',
  'fc00::1',
  '::ffff:127.0.0.1',
  '::ffff:7f00:1',
  '0:0:0:0:0:ffff:127.0.0.1',
  '0:0:0:0:0:ffff:7f00:0001',
  '::127.0.0.1', // IPv4-compatible
  '::7f00:1',
  '::ffff:10.0.0.1',
  '64:ff9b::127.0.0.1', // NAT64
  '64:ff9b::a00:1',
  '2002:7f00:1::1', // 6to4 of 127.0.0.1
  '2002:c0a8:101::1', // 6to4 of 192.168.1.1
];
const PUBLIC = ['93.184.216.34', '8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '2a00:1450:4001:80b::200e', '::ffff:93.184.216.34', '64:ff9b::808:808', '2002:808:808::1'];

describe('address policy', () => {
  it.each(FORBIDDEN_ALWAYS)('%s is never allowed', (address) => {
    expect(classifyAddress(address)?.class).toBe('forbidden');
  });
  it.each(PRIVATE)('%s is private', (address) => {
    expect(classifyAddress(address)?.class).toBe('private');
  });
  it.each(PUBLIC)('%s is public', (address) => {
    expect(classifyAddress(address)?.class).toBe('public');
  });
  it('does not mistake names for addresses', () => {
    expect(classifyAddress('shop.example')).toBeNull();
  });
});

const fixed =
  (answers: Record<string, string[]>): HostResolver =>
  (host) =>
    Promise.resolve(answers[host] ?? []);

describe('URL check (what registration and source validation use)', () => {
  const strict = new OutboundGuard({ allowPrivate: false, resolve: fixed({ 'public.test': ['93.184.216.34'], 'inside.test': ['10.0.0.5'], 'mixed.test': ['93.184.216.34', '127.0.0.1'], 'meta.test': ['169.254.169.254'] }) });
  const lenient = new OutboundGuard({ allowPrivate: true, resolve: fixed({ 'inside.test': ['10.0.0.5'], 'meta.test': ['169.254.169.254'], 'meta6.test': ['fd00:ec2::254'] }) });

  it.each([
    'http://[::ffff:127.0.0.1]:8080/hook',
    'http://[::ffff:7f00:1]/hook',
    'http://[0:0:0:0:0:ffff:127.0.0.1]/hook',
    'http://[::127.0.0.1]/hook',
    'http://[64:ff9b::7f00:1]/hook',
    'http://127.1/',
    'http://2130706433/',
    'http://0x7f000001/',
    'http://017700000001/',
    'http://[::1]/',
    'http://224.0.0.1/',
    'http://255.255.255.255/',
    'http://0.0.0.0/',
    'http://169.254.169.254/latest/meta-data/',
    'http://inside.test/',
    'http://mixed.test/',
    'http://meta.test/',
    'http://nowhere.test/',
    'ftp://public.test/',
  ])('refuses %s', async (url) => {
    expect(await strict.check(url)).toBeInstanceOf(DestinationRefusedError);
  });

  it('accepts a public host', async () => {
    expect(await strict.check('https://public.test/hook')).toBeNull();
    expect(await strict.check('http://[2606:4700:4700::1111]/')).toBeNull();
  });

  it('with private hosts allowed, still never the metadata or link-local ranges', async () => {
    expect(await lenient.check('http://127.0.0.1:4090/')).toBeNull();
    expect(await lenient.check('http://inside.test/')).toBeNull();
    for (const url of ['http://169.254.169.254/', 'http://meta.test/', 'http://meta6.test/', 'http://[fd00:ec2::254]/', 'http://[::ffff:169.254.169.254]/', 'http://[fe80::1]/']) {
      expect((await lenient.check(url))?.reason).toBe('forbidden');
    }
  });
});

describe('connect-time pinning, against a real local server', () => {
  let server: Server;
  let port: number;
  const requests: string[] = [];
  beforeAll(async () => {
    server = createServer((request, response) => {
      requests.push(`${request.headers.host}${request.url}`);
      response.writeHead(302, { location: 'http://127.0.0.1/elsewhere' }).end('moved');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('connects to the address its own lookup checked: a name only the injected resolver knows reaches the server', async () => {
    const guard = new OutboundGuard({ allowPrivate: true, resolve: fixed({ 'shop.test': ['127.0.0.1'] }) });
    const before = requests.length;
    const response = await guard.fetch(`http://shop.test:${port}/catalog`);
    // Redirects are handed back, not followed.
    expect(response.status).toBe(302);
    await response.body?.cancel();
    expect(requests.slice(before)).toEqual([`shop.test:${port}/catalog`]);
    await guard.close();
  });

  it('a DNS answer that turns private between the check and the connection is refused, and nothing is sent', async () => {
    // Rebinding: public for the check, loopback for whoever asks next.
    let asked = 0;
    const rebinding: HostResolver = () => Promise.resolve(asked++ === 0 ? ['93.184.216.34'] : ['127.0.0.1']);
    const guard = new OutboundGuard({ allowPrivate: false, resolve: rebinding });
    expect(await guard.check(`http://rebind.test:${port}/hook`)).toBeNull();
    const before = requests.length;
    const failure = await guard.fetch(`http://rebind.test:${port}/hook`, { method: 'POST', body: '{}' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DestinationRefusedError);
    expect((failure as DestinationRefusedError).reason).toBe('private');
    expect(asked).toBe(2);
    // A control request through a lenient guard proves the server answers, so "nothing" above means refused.
    const control = new OutboundGuard({ allowPrivate: true, resolve: fixed({ 'control.test': ['127.0.0.1'] }) });
    await (await control.fetch(`http://control.test:${port}/control`)).body?.cancel();
    expect(requests.slice(before)).toEqual([`control.test:${port}/control`]);
    await Promise.all([guard.close(), control.close()]);
  });

  it('refuses a name with one private answer among public ones, and every IPv4-mapped literal, before connecting', async () => {
    const guard = new OutboundGuard({ allowPrivate: false, resolve: fixed({ 'mixed.test': ['93.184.216.34', '127.0.0.1'] }) });
    const before = requests.length;
    const urls = [`http://mixed.test:${port}/`, `http://[::ffff:127.0.0.1]:${port}/`, `http://[::ffff:7f00:1]:${port}/`, `http://[0:0:0:0:0:ffff:127.0.0.1]:${port}/`, `http://127.0.0.1:${port}/`, `http://2130706433:${port}/`];
    for (const url of urls) {
      await expect(guard.fetch(url)).rejects.toBeInstanceOf(DestinationRefusedError);
    }
    const control = new OutboundGuard({ allowPrivate: true });
    await (await control.fetch(`http://127.0.0.1:${port}/control`)).body?.cancel();
    expect(requests.slice(before)).toEqual([`127.0.0.1:${port}/control`]);
    await Promise.all([guard.close(), control.close()]);
  });
});
