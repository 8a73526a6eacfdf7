import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** The sample file in the repository: the rates an offline installation starts with. */
export const SAMPLE_RATES_FILE = fileURLToPath(new URL('../../../samples/eurofxref-daily.xml', import.meta.url));

const MAX_BYTES = 2 * 1024 * 1024;

/** Reads the rate document from an http(s) URL or a file (path or file: URL). */
export async function readRatesDocument(location: string, timeoutMs = 15_000): Promise<string> {
  if (/^https?:\/\//i.test(location)) {
    const response = await fetch(location, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/xml, text/xml' } });
    if (!response.ok) throw new Error(`GET ${location}: HTTP ${response.status}`);
    const text = await response.text();
    if (text.length > MAX_BYTES) throw new Error(`GET ${location}: more than ${MAX_BYTES} bytes`);
    return text;
  }
  return readFile(location.startsWith('file:') ? fileURLToPath(location) : location, 'utf8');
}
