import nodemailer, { type Transporter } from 'nodemailer';

export interface EmailSettings {
  transport: Transporter;
  from: string;
  /** The address part of `from`, for the mailto unsubscribe link. */
  fromAddress: string;
}

/** SMTP settings from SMTP_URL/SMTP_FROM; null when email is off (both unset). */
export function emailSettings(smtpUrl: string | undefined, from: string | undefined): EmailSettings | null {
  if (!smtpUrl || !from) return null;
  const fromAddress = /<([^>]+)>/.exec(from)?.[1] ?? from;
  return { transport: nodemailer.createTransport(smtpUrl), from, fromAddress: fromAddress.trim() };
}
