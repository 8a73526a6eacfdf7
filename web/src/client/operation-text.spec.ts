import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as documents from '@mrt/operations';
import { operationText } from './operation-text';

describe('operation text', () => {
  it('is the manifest text of each generated document, whose sha256 is its hash', () => {
    const generated = Object.entries(documents).filter(([name]) => name.endsWith('Document'));
    expect(generated.length).toBeGreaterThan(20);
    for (const [name, document] of generated) {
      const { query, sha256Hash } = operationText(document as Parameters<typeof operationText>[0]);
      expect(createHash('sha256').update(query).digest('hex'), name).toBe(sha256Hash);
    }
  });

  it('refuses a document that did not come from codegen', () => {
    expect(() => operationText({ kind: 'Document', definitions: [] } as unknown as Parameters<typeof operationText>[0])).toThrow(/generated document/);
  });
});
