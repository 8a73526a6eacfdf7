import type { NotificationEntity } from '../notification/notification.entity.js';
import type { UpcomingRelease } from '../projection/release.projection.js';

/** Atom 1.0 (RFC 4287) of a user's newest notifications. */
export function renderAtom(notifications: NotificationEntity[], options: { feedUrl: string; userId: string; now: Date }): string {
  const updated = (notifications[0]?.createdAt ?? options.now).toISOString();
  const entries = notifications
    .map(
      (n) => `  <entry>
    <id>urn:uuid:${n.id}</id>
    <title>${xml(n.title)}</title>
    <updated>${n.createdAt.toISOString()}</updated>
    <category term="${n.kind}"/>
    <content type="text">${xml(n.message)}</content>
  </entry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>urn:uuid:${options.userId}</id>
  <title>Metal Release Tracker notifications</title>
  <updated>${updated}</updated>
  <link rel="self" href="${xml(options.feedUrl)}"/>
  <author><name>Metal Release Tracker</name></author>
${entries}
</feed>
`;
}

/** iCalendar (RFC 5545): one all-day event per upcoming release, stable UIDs so updates replace. */
export function renderICalendar(releases: UpcomingRelease[], now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Metal Release Tracker//Releases//EN', 'CALSCALE:GREGORIAN', 'X-WR-CALNAME:Upcoming releases'];
  for (const release of releases) {
    const day = release.releaseDate.replace(/-/g, '');
    const next = new Date(`${release.releaseDate}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    lines.push(
      'BEGIN:VEVENT',
      `UID:release-${release.releaseId}@metal-release-tracker`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${day}`,
      `DTEND;VALUE=DATE:${next.toISOString().slice(0, 10).replace(/-/g, '')}`,
      `SUMMARY:${ical(release.title)}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function ical(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Lines longer than 75 octets continue on the next line after a space (RFC 5545 §3.1). */
function fold(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  for (const char of line) {
    if (Buffer.byteLength(current + char, 'utf8') > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
    }
    current += char;
  }
  parts.push(current);
  return parts.join('\r\n ');
}
