import { describe, expect, it } from 'vitest';
import { MASKED, maskSecrets, maskUrlSecrets } from './mask-secrets.js';

describe('maskSecrets', () => {
  it('masks values under secret-looking keys at any depth, keeping everything else', () => {
    const masked = maskSecrets({
      id: 'src-1',
      input: { name: 'Shop', password: 'hunter2', newPassword: 'x', botToken: 't', webhookSecret: 's', apiKey: 'k', Authorization: 'Bearer a.b.c' },
      list: [{ refreshToken: 'r', label: 'keep' }],
      count: 3,
      missingToken: null,
    });
    expect(masked).toEqual({
      id: 'src-1',
      input: { name: 'Shop', password: MASKED, newPassword: MASKED, botToken: MASKED, webhookSecret: MASKED, apiKey: MASKED, Authorization: MASKED },
      list: [{ refreshToken: MASKED, label: 'keep' }],
      count: 3,
      missingToken: null,
    });
  });

  it('masks credentials inside URLs wherever they appear', () => {
    expect(maskSecrets({ url: 'https://user:pw@shop.example/feed?page=2&token=abc' })).toEqual({
      url: `https://${MASKED}:${MASKED}@shop.example/feed?page=2&token=${encodeURIComponent(MASKED)}`,
    });
    expect(maskUrlSecrets('https://hooks.slack.com/services/T000/B000/XXXX')).toBe(`https://hooks.slack.com/${MASKED}`);
    expect(maskUrlSecrets('https://discord.com/api/webhooks/1/abc')).toBe(`https://discord.com/${MASKED}`);
  });

  it('leaves plain text and ordinary URLs alone', () => {
    expect(maskSecrets('a shop name')).toBe('a shop name');
    expect(maskUrlSecrets('https://shop.example/releases?page=2')).toBe('https://shop.example/releases?page=2');
    expect(maskSecrets([1, true, null])).toEqual([1, true, null]);
  });
});
