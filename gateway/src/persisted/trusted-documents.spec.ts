import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import { checkTrustedDocument, defaultTrustedManifestPath, loadTrustedManifest, sha256 } from './trusted-documents.js';

const MANIFEST = defaultTrustedManifestPath();

describe('loadTrustedManifest', () => {
  it('loads the manifest pnpm codegen writes from schema/operations, from the operations package by default', async () => {
    expect(MANIFEST).toMatch(/packages\/operations\/src\/generated\/persisted-documents\.json$/);
    const manifest = await loadTrustedManifest();
    const documents = [...manifest.values()];
    expect(documents.some((document) => document.startsWith('query LatestReleases'))).toBe(true);
    expect(documents.some((document) => document.startsWith('mutation Login'))).toBe(true);
    for (const [hash, document] of manifest) expect(sha256(document)).toBe(hash);
  });

  it('refuses a manifest whose hash does not match its document', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'manifest-')), 'manifest.json');
    await writeFile(file, JSON.stringify({ [`sha256:${sha256('{ ping }')}`]: '{ __typename }' }));
    await expect(loadTrustedManifest(file)).rejects.toThrow(/does not match/);
  });
});

describe('checkTrustedDocument (graphql-ws subscriptions)', () => {
  it('admits the exact text of a manifest document and refuses anything else', async () => {
    const manifest = await loadTrustedManifest(MANIFEST);
    const subscription = [...manifest.values()].find((document) => document.startsWith('subscription WebNotificationAdded'))!;
    expect(checkTrustedDocument(manifest, parse(subscription))).toEqual([]);
    const reformatted = checkTrustedDocument(manifest, parse(`${subscription}\n`));
    expect(reformatted.map((error) => error.extensions.code)).toEqual(['PERSISTED_QUERY_NOT_ALLOWED']);
    expect(checkTrustedDocument(manifest, parse('subscription { notificationAdded { id message } }'))).toHaveLength(1);
  });
});
