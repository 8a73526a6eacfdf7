import { describe, expect, it } from 'vitest';
import { browserTimeZone, hourLabel, timeZoneLabel, timeZoneOptions } from './time-zones';

describe('time zones', () => {
  it("offers the browser's zones with UTC and the saved one, sorted", () => {
    const options = timeZoneOptions('Etc/GMT+5');
    expect(options).toContain('Europe/Berlin');
    expect(options).toContain('UTC');
    expect(options).toContain('Etc/GMT+5');
    expect([...options].sort((a, b) => a.localeCompare(b))).toEqual(options);
    expect(new Set(options).size).toBe(options.length);
  });

  it('names zones and hours for people', () => {
    expect(timeZoneLabel('America/Argentina/Buenos_Aires')).toBe('America / Argentina / Buenos Aires');
    expect(hourLabel(8)).toBe('08:00');
    expect(browserTimeZone()).toMatch(/\w/);
  });
});
