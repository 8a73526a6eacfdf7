/**
 * The bell's unread count: the server's count as loaded, plus notifications pushed since. A
 * pushed notification counts once even if the subscription and a reload both report it.
 */
export interface UnreadState {
  count: number;
  /** Ids already counted since the last load, so a repeated push is not counted twice. */
  seen: readonly string[];
  /** A push arrived since the list was last shown. */
  fresh: boolean;
}

export type UnreadAction =
  | { type: 'loaded'; count: number }
  | { type: 'pushed'; id: string }
  | { type: 'markedRead'; count: number }
  | { type: 'allRead' }
  | { type: 'signedOut' };

export const INITIAL_UNREAD: UnreadState = { count: 0, seen: [], fresh: false };

const SEEN_LIMIT = 200;

export function unreadReducer(state: UnreadState, action: UnreadAction): UnreadState {
  switch (action.type) {
    case 'loaded':
      return { count: Math.max(0, action.count), seen: [], fresh: state.fresh };
    case 'pushed':
      if (state.seen.includes(action.id)) return state;
      return { count: state.count + 1, seen: [...state.seen, action.id].slice(-SEEN_LIMIT), fresh: true };
    case 'markedRead':
      return { ...state, count: Math.max(0, state.count - action.count), fresh: false };
    case 'allRead':
      return { ...state, count: 0, fresh: false };
    case 'signedOut':
      return INITIAL_UNREAD;
  }
}

/** "99+" keeps the badge small; zero shows no badge. */
export function badgeText(count: number): string {
  if (count <= 0) return '';
  return count > 99 ? '99+' : String(count);
}
