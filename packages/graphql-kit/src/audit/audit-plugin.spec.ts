import { describe, expect, it } from 'vitest';
import { clientOperationName } from './audit-plugin.js';

describe('clientOperationName', () => {
  it("keeps the client's operation name, not the gateway's name for its fetch", () => {
    expect(clientOperationName('RenameSource__raw_data__0')).toBe('RenameSource');
    expect(clientOperationName('RenameSource')).toBe('RenameSource');
    expect(clientOperationName(null)).toBeNull();
  });
});
