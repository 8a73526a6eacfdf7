import type { DeliveryMessage } from '../delivery/channel-sender.js';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function layout(title: string, body: string, footer: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(title)}</title></head>
<body style="margin:0;padding:24px;background:#111;color:#eee;font-family:system-ui,sans-serif">
<div style="max-width:560px;margin:0 auto;background:#1c1c1c;padding:24px;border-radius:8px">
${body}
<p style="margin-top:32px;font-size:12px;color:#999">${footer}</p>
</div></body></html>`;
}

/** A notification as an email, HTML and plain text saying the same; text from shops is escaped. */
export function notificationEmail(message: DeliveryMessage, unsubscribeUrl: string): RenderedEmail {
  const footer = `You get this because you follow it on Metal Release Tracker. <a style="color:#999" href="${escapeHtml(unsubscribeUrl)}">Unsubscribe this address</a>.`;
  return {
    subject: message.title,
    text: `${message.title}\n\n${message.message}\n\n${message.link}\n\n--\nUnsubscribe this address: ${unsubscribeUrl}\n`,
    html: layout(
      message.title,
      `<h1 style="font-size:20px;margin:0 0 12px">${escapeHtml(message.title)}</h1>
<p style="line-height:1.5">${escapeHtml(message.message)}</p>
<p><a style="color:#e57373" href="${escapeHtml(message.link)}">Open in Metal Release Tracker</a></p>`,
      footer,
    ),
  };
}

export function confirmationEmail(confirmUrl: string, ttlMinutes: number): RenderedEmail {
  return {
    subject: 'Confirm your email address for Metal Release Tracker',
    text: `Someone (hopefully you) asked to receive Metal Release Tracker notifications at this address.\n\nConfirm it here within ${ttlMinutes} minutes:\n${confirmUrl}\n\nIf it was not you, ignore this message: nothing will be sent.\n`,
    html: layout(
      'Confirm your email address',
      `<h1 style="font-size:20px;margin:0 0 12px">Confirm your email address</h1>
<p style="line-height:1.5">Someone (hopefully you) asked to receive Metal Release Tracker notifications at this address.</p>
<p><a style="color:#e57373" href="${escapeHtml(confirmUrl)}">Confirm this address</a> (within ${ttlMinutes} minutes)</p>`,
      'If it was not you, ignore this message: nothing will be sent.',
    ),
  };
}
