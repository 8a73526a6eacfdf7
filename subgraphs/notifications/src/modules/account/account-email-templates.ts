import { deliveryLanguageOf, type DeliveryLanguage } from '../../domain/delivery-phrases.js';
import { escapeHtml, layout, type RenderedEmail } from '../email/email-templates.js';

export type AccountEmailKind = 'VERIFY_EMAIL' | 'RESET_PASSWORD';

interface AccountPhrases {
  subject: string;
  intro: string;
  action: string;
  /** How long the link works, from its expiry in minutes. */
  validFor: (minutes: number) => string;
  notYou: string;
}

const duration = (minutes: number, hour: [string, string], minute: [string, string]) =>
  minutes >= 120 ? `${Math.round(minutes / 60)} ${hour[1]}` : minutes >= 60 ? `1 ${hour[0]}` : `${minutes} ${minutes === 1 ? minute[0] : minute[1]}`;
const en = (minutes: number) => duration(minutes, ['hour', 'hours'], ['minute', 'minutes']);
const de = (minutes: number) => duration(minutes, ['Stunde', 'Stunden'], ['Minute', 'Minuten']);

const PHRASES: Record<DeliveryLanguage, Record<AccountEmailKind, AccountPhrases>> = {
  en: {
    VERIFY_EMAIL: {
      subject: 'Confirm your email address',
      intro: 'Please confirm that this address belongs to your Metal Release Tracker account.',
      action: 'Confirm my address',
      validFor: (minutes) => `The link works once, for ${en(minutes)}.`,
      notYou: 'If you did not create an account, ignore this email.',
    },
    RESET_PASSWORD: {
      subject: 'Reset your password',
      intro: 'Someone asked to reset the password of your Metal Release Tracker account.',
      action: 'Choose a new password',
      validFor: (minutes) => `The link works once, for ${en(minutes)}. Resetting signs out every session.`,
      notYou: 'If it was not you, ignore this email: your password stays as it is.',
    },
  },
  de: {
    VERIFY_EMAIL: {
      subject: 'Bestätige deine E-Mail-Adresse',
      intro: 'Bitte bestätige, dass diese Adresse zu deinem Konto bei Metal Release Tracker gehört.',
      action: 'Adresse bestätigen',
      validFor: (minutes) => `Der Link funktioniert einmal, ${de(minutes)} lang.`,
      notYou: 'Wenn du kein Konto angelegt hast, ignoriere diese E-Mail.',
    },
    RESET_PASSWORD: {
      subject: 'Setze dein Passwort zurück',
      intro: 'Jemand möchte das Passwort deines Kontos bei Metal Release Tracker zurücksetzen.',
      action: 'Neues Passwort wählen',
      validFor: (minutes) => `Der Link funktioniert einmal, ${de(minutes)} lang. Das Zurücksetzen meldet alle Sitzungen ab.`,
      notYou: 'Warst du das nicht, ignoriere diese E-Mail: dein Passwort bleibt, wie es ist.',
    },
  },
};

/**
 * A system email about the account itself (not a notification: no unsubscribe, no digest, no
 * quiet hours), in the fan's language, HTML and plain text saying the same.
 */
export function accountEmail(kind: AccountEmailKind, language: string, link: string, validMinutes: number): RenderedEmail {
  const lang = deliveryLanguageOf(language);
  const phrases = PHRASES[lang][kind];
  const minutes = Math.max(1, Math.round(validMinutes));
  return {
    subject: phrases.subject,
    text: `${phrases.intro}\n\n${phrases.action}: ${link}\n\n${phrases.validFor(minutes)}\n${phrases.notYou}\n`,
    html: layout(
      lang,
      phrases.subject,
      `<h1 style="font-size:20px;margin:0 0 12px">${escapeHtml(phrases.subject)}</h1>
<p style="line-height:1.5">${escapeHtml(phrases.intro)}</p>
<p><a style="color:#e57373;font-weight:600" href="${escapeHtml(link)}">${escapeHtml(phrases.action)}</a></p>
<p style="line-height:1.5">${escapeHtml(phrases.validFor(minutes))}</p>`,
      escapeHtml(phrases.notYou),
    ),
  };
}
