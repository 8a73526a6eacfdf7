import { describe, expect, it } from 'vitest';
import { base64UrlToBytes, browserLabel, pushUnavailableReason, sameBytes, subscriptionInput } from './web-push';

const capable = { secureContext: true, serviceWorker: true, pushManager: true, notifications: true };

describe('web push helpers', () => {
  it('decodes a base64url VAPID key to its bytes, without padding', () => {
    expect([...base64UrlToBytes('AQID_-8')]).toEqual([1, 2, 3, 255, 239]);
    const key = base64UrlToBytes('BJ' + 'A'.repeat(85));
    expect(key.length).toBe(65);
    expect(sameBytes(key.buffer, key)).toBe(true);
    expect(sameBytes(new Uint8Array([1, 2]).buffer, new Uint8Array([1, 3]))).toBe(false);
    expect(sameBytes(null, key)).toBe(false);
  });

  it('explains why push cannot be turned on: no server key, no https, no browser support', () => {
    expect(pushUnavailableReason(capable, 'key')).toBeNull();
    expect(pushUnavailableReason(capable, null)).toMatch(/not set up on this server/);
    expect(pushUnavailableReason({ ...capable, secureContext: false }, 'key')).toMatch(/https/);
    expect(pushUnavailableReason({ ...capable, pushManager: false }, 'key')).toMatch(/does not support/);
  });

  it('turns a PushSubscription into the mutation input, refusing one without keys', () => {
    expect(subscriptionInput({ endpoint: 'https://push.example/x', keys: { p256dh: 'p', auth: 'a' } }, 'Chrome on Linux')).toEqual({
      endpoint: 'https://push.example/x',
      p256dh: 'p',
      auth: 'a',
      label: 'Chrome on Linux',
    });
    expect(() => subscriptionInput({ endpoint: 'https://push.example/x' }, 'x')).toThrow(/incomplete/);
  });

  it('names the browser and system', () => {
    expect(browserLabel('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0 Safari/537.36')).toBe('Chrome on Linux');
    expect(browserLabel('Mozilla/5.0 (Android 14; Mobile; rv:125.0) Gecko/125.0 Firefox/125.0')).toBe('Firefox on Android');
    expect(browserLabel('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1')).toBe('Safari on iOS');
    expect(browserLabel('curl/8')).toBe('Browser');
  });
});
