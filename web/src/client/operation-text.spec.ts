import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as documents from '../generated/graphql';
import webManifest from '../generated/persisted-documents.json';
import { operationText } from './operation-text';

// The manifest the gateway loads by default in TRUSTED_DOCUMENTS_ONLY mode.
const gatewayManifest = JSON.parse(readFileSync(new URL('../../../tests/e2e/src/generated/persisted-documents.json', import.meta.url), 'utf8')) as Record<string, string>;

describe('operation text', () => {
  it('is the manifest text of each generated document, whose sha256 is its hash', () => {
    const generated = Object.entries(documents).filter(([name]) => name.endsWith('Document'));
    expect(generated.length).toBeGreaterThan(20);
    for (const [name, document] of generated) {
      const { query, sha256Hash } = operationText(document as Parameters<typeof operationText>[0]);
      expect(createHash('sha256').update(query).digest('hex'), name).toBe(sha256Hash);
    }
  });

  it('lists only documents the gateway trusts by default', () => {
    for (const [hash, text] of Object.entries(webManifest)) expect(gatewayManifest[hash]).toBe(text);
  });

  it('refuses a document that did not come from codegen', () => {
    expect(() => operationText({ kind: 'Document', definitions: [] } as unknown as Parameters<typeof operationText>[0])).toThrow(/generated document/);
  });
});
