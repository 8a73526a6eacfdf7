import { describe, expect, it } from 'vitest';
import { INITIAL_UNREAD, badgeText, unreadReducer, type UnreadAction } from './unread-count';

const run = (...actions: UnreadAction[]) => actions.reduce(unreadReducer, INITIAL_UNREAD);

describe('the live unread count', () => {
  it('starts from the server count and adds each pushed notification once', () => {
    const state = run({ type: 'loaded', count: 2 }, { type: 'pushed', id: 'a' }, { type: 'pushed', id: 'b' }, { type: 'pushed', id: 'a' });
    expect(state.count).toBe(4);
    expect(state.fresh).toBe(true);
  });

  it('takes a reload as the truth and counts pushes after it again', () => {
    expect(run({ type: 'pushed', id: 'a' }, { type: 'loaded', count: 1 }, { type: 'pushed', id: 'b' }).count).toBe(2);
  });

  it('goes down when notifications are read, never below zero', () => {
    expect(run({ type: 'loaded', count: 3 }, { type: 'markedRead', count: 2 }).count).toBe(1);
    expect(run({ type: 'loaded', count: 1 }, { type: 'markedRead', count: 5 }).count).toBe(0);
    expect(run({ type: 'loaded', count: 7 }, { type: 'allRead' })).toMatchObject({ count: 0, fresh: false });
    expect(run({ type: 'loaded', count: 7 }, { type: 'signedOut' })).toEqual(INITIAL_UNREAD);
  });

  it('keeps the badge short', () => {
    expect(badgeText(0)).toBe('');
    expect(badgeText(5)).toBe('5');
    expect(badgeText(100)).toBe('99+');
  });
});
