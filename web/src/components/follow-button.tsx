import { useQuery, useMutation } from '../client/client-context';
import { WebFollowDocument, WebMyFollowsDocument, WebUnfollowDocument, type NotificationKind } from '@mrt/operations';
import { useAuth } from '../state/auth';
import { Link } from '../router';

/** What following a band reports: its news, new offers and cheaper or restocked offers. */
export const BAND_FOLLOW_EVENTS: NotificationKind[] = ['RELEASE_ANNOUNCED', 'RELEASE_OUT_TODAY', 'OFFER_ADDED', 'PRICE_DROP', 'BACK_IN_STOCK'];

export function FollowBandButton({ bandId, bandName }: { bandId: string; bandName: string }) {
  const { user } = useAuth();
  const follows = useQuery(WebMyFollowsDocument, {}, { skip: !user });
  const [follow, following] = useMutation(WebFollowDocument);
  const [unfollow, unfollowing] = useMutation(WebUnfollowDocument);
  if (!user) {
    return (
      <Link to="/sign-in" className="button secondary">
        Sign in to follow {bandName}
      </Link>
    );
  }
  const existing = follows.data?.myFollows.find((item) => item.targetType === 'BAND' && item.targetId === bandId);
  const busy = follows.loading || following.running || unfollowing.running;
  const error = following.error ?? unfollowing.error;
  return (
    <span className="follow">
      <button
        type="button"
        aria-pressed={!!existing}
        aria-busy={busy}
        disabled={busy || !follows.data}
        onClick={async () => {
          if (existing) await unfollow({ id: existing.id });
          else await follow({ input: { targetType: 'BAND', targetId: bandId, events: BAND_FOLLOW_EVENTS } });
          follows.refetch();
        }}
      >
        {!follows.data ? `Follow ${bandName}…` : existing ? `Following ${bandName}` : `Follow ${bandName}`}
      </button>
      {error && (
        <span className="field-error" role="alert">
          {error.message}
        </span>
      )}
    </span>
  );
}
