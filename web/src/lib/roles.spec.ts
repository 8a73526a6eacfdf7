import { describe, expect, it } from 'vitest';
import { roleSwitchLock, withRole } from './roles';

describe('changing an account\'s roles', () => {
  it('switches one role, keeps USER and the schema order', () => {
    expect(withRole(['USER'], 'EDITOR', true)).toEqual(['USER', 'EDITOR']);
    expect(withRole(['ADMIN', 'USER'], 'EDITOR', true)).toEqual(['USER', 'EDITOR', 'ADMIN']);
    expect(withRole(['USER', 'EDITOR'], 'EDITOR', false)).toEqual(['USER']);
    expect(withRole(['EDITOR'], 'USER', false)).toEqual(['USER', 'EDITOR']);
  });

  it('locks only the signed-in admin\'s own ADMIN switch', () => {
    expect(roleSwitchLock({ id: 'me', roles: ['USER', 'ADMIN'] }, 'ADMIN', 'me')).toMatch(/yourself/);
    expect(roleSwitchLock({ id: 'me', roles: ['USER', 'ADMIN'] }, 'EDITOR', 'me')).toBeNull();
    expect(roleSwitchLock({ id: 'other', roles: ['USER', 'ADMIN'] }, 'ADMIN', 'me')).toBeNull();
  });
});
