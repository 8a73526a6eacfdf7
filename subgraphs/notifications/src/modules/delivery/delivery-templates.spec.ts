import { describe, expect, it } from 'vitest';
import { discordDigestPayload, discordPayload } from '../channel/discord.sender.js';
import { ntfyDigestPayload } from '../channel/ntfy.sender.js';
import { digestEmail, notificationEmail } from '../email/email-templates.js';
import { telegramDigestText, telegramText } from '../telegram/telegram.sender.js';
import type { DeliveryMessage, DigestMessage } from './channel-sender.js';

const message = (overrides: Partial<DeliveryMessage> = {}): DeliveryMessage => ({
  notificationId: 'n1',
  userId: 'u1',
  kind: 'PRICE_DROP',
  title: 'Mgła – Age of Excuse',
  message: 'Now 12.00 EUR at <Shop>',
  releaseId: 'r1',
  offerId: null,
  createdAt: new Date('2026-12-02T07:00:00Z'),
  link: 'https://tracker.example/releases/r1',
  offer: null,
  language: 'en',
  ...overrides,
});
const digest = (count: number, language: string): DigestMessage => ({
  frequency: 'DAILY',
  language,
  items: Array.from({ length: count }, (_, index) => message({ notificationId: `n${index}`, title: `Release number ${index + 1}`, language })),
  link: 'https://tracker.example/notifications',
});

describe('delivery templates', () => {
  it('write each channel in the fan’s language and fall back to English', () => {
    const german = notificationEmail(message({ language: 'de' }), 'https://tracker.example/u');
    expect(german.html).toContain('<html lang="de">');
    expect(german.html).toContain('Diese Adresse abbestellen');
    expect(german.text).toContain('Diese Adresse abbestellen: https://tracker.example/u');
    expect(notificationEmail(message({ language: 'fr' }), 'https://tracker.example/u').text).toContain('Unsubscribe this address');
    expect(telegramText(message({ language: 'de' }))).toContain('In Metal Release Tracker öffnen');
    const fields = (discordPayload(message({ language: 'de' })) as { embeds: { fields: { name: string; value: string }[] }[] }).embeds[0]!.fields;
    expect(fields[0]).toMatchObject({ name: 'Was', value: 'Preissenkung' });
  });

  it('list a digest in one message per channel', () => {
    const email = digestEmail(digest(3, 'en'), 'https://tracker.example/u');
    expect(email.subject).toBe('Your daily digest: 3 notifications');
    expect(email.html.match(/<li /g)).toHaveLength(3);
    expect(email.html).toContain('Now 12.00 EUR at &lt;Shop&gt;');
    expect(telegramDigestText(digest(2, 'de'))).toMatch(/^<b>Deine tägliche Zusammenfassung: 2 Benachrichtigungen<\/b>[\s\S]*Release number 2/);
    expect(ntfyDigestPayload('alerts', digest(2, 'en'))).toMatchObject({ topic: 'alerts', title: 'Your daily digest: 2 notifications', message: '• Release number 1\n• Release number 2', click: 'https://tracker.example/notifications' });
  });

  it('cut a long digest between notifications to fit each service, saying how many more there are', () => {
    const long = digest(200, 'en');
    const telegram = telegramDigestText(long);
    expect(telegram.length).toBeLessThanOrEqual(4096);
    expect(telegram).toMatch(/…and \d+ more in the app/);
    const description = (discordDigestPayload(long) as { embeds: { description: string }[] }).embeds[0]!.description;
    expect(description.length).toBeLessThanOrEqual(4096);
    expect(description).toMatch(/…and \d+ more in the app$/);
    expect(String(ntfyDigestPayload('alerts', long).message)).toMatch(/…and \d+ more in the app$/);
  });
});
