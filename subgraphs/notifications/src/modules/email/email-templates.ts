import { phrasesFor } from '../../domain/delivery-phrases.js';
import type { DeliveryMessage, DigestMessage } from '../delivery/channel-sender.js';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function layout(language: string, title: string, body: string, footer: string): string {
  return `<!doctype html>
<html lang="${escapeHtml(language)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(title)}</title></head>
<body style="margin:0;padding:24px;background:#111;color:#eee;font-family:system-ui,sans-serif">
<div style="max-width:560px;margin:0 auto;background:#1c1c1c;padding:24px;border-radius:8px">
${body}
<p style="margin-top:32px;font-size:12px;color:#999">${footer}</p>
</div></body></html>`;
}

/** The footer of every notification email: why, and the one-click way out. */
function unsubscribeFooter(language: string, unsubscribeUrl: string): { html: string; text: string } {
  const phrases = phrasesFor(language);
  return {
    html: `${escapeHtml(phrases.whyYouGetThis)} <a style="color:#999" href="${escapeHtml(unsubscribeUrl)}">${escapeHtml(phrases.unsubscribe)}</a>.`,
    text: `--\n${phrases.unsubscribe}: ${unsubscribeUrl}\n`,
  };
}

/** A notification as an email in the fan's language, HTML and plain text saying the same; text from shops is escaped. */
export function notificationEmail(message: DeliveryMessage, unsubscribeUrl: string): RenderedEmail {
  const phrases = phrasesFor(message.language);
  const footer = unsubscribeFooter(message.language, unsubscribeUrl);
  return {
    subject: message.title,
    text: `${message.title}\n\n${message.message}\n\n${message.link}\n\n${footer.text}`,
    html: layout(
      message.language,
      message.title,
      `<h1 style="font-size:20px;margin:0 0 12px">${escapeHtml(message.title)}</h1>
<p style="line-height:1.5">${escapeHtml(message.message)}</p>
<p><a style="color:#e57373" href="${escapeHtml(message.link)}">${escapeHtml(phrases.openInApp)}</a></p>`,
      footer.html,
    ),
  };
}

/** A digest as one email: every collected notification, oldest first, each with its link. */
export function digestEmail(digest: DigestMessage, unsubscribeUrl: string): RenderedEmail {
  const phrases = phrasesFor(digest.language);
  const subject = phrases.digestSubject(digest.frequency, digest.items.length);
  const footer = unsubscribeFooter(digest.language, unsubscribeUrl);
  const items = digest.items.map(
    (item) => `<li style="margin:0 0 16px"><a style="color:#e57373;font-weight:600" href="${escapeHtml(item.link)}">${escapeHtml(item.title)}</a><br><span style="line-height:1.5">${escapeHtml(item.message)}</span></li>`,
  );
  return {
    subject,
    text: `${subject}\n\n${digest.items.map((item) => `* ${item.title}\n  ${item.message}\n  ${item.link}`).join('\n\n')}\n\n${phrases.openInApp}: ${digest.link}\n\n${footer.text}`,
    html: layout(
      digest.language,
      subject,
      `<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(subject)}</h1>
<ul style="padding-left:20px;margin:0">${items.join('\n')}</ul>
<p><a style="color:#e57373" href="${escapeHtml(digest.link)}">${escapeHtml(phrases.openInApp)}</a></p>`,
      footer.html,
    ),
  };
}

export function confirmationEmail(confirmUrl: string, ttlMinutes: number): RenderedEmail {
  return {
    subject: 'Confirm your email address for Metal Release Tracker',
    text: `Someone (hopefully you) asked to receive Metal Release Tracker notifications at this address.\n\nConfirm it here within ${ttlMinutes} minutes:\n${confirmUrl}\n\nIf it was not you, ignore this message: nothing will be sent.\n`,
    html: layout(
      'en',
      'Confirm your email address',
      `<h1 style="font-size:20px;margin:0 0 12px">Confirm your email address</h1>
<p style="line-height:1.5">Someone (hopefully you) asked to receive Metal Release Tracker notifications at this address.</p>
<p><a style="color:#e57373" href="${escapeHtml(confirmUrl)}">Confirm this address</a> (within ${ttlMinutes} minutes)</p>`,
      'If it was not you, ignore this message: nothing will be sent.',
    ),
  };
}
