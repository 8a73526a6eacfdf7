import { useState } from 'react';
import { WebDeadLettersDocument, WebReplayAllDeadLettersDocument, WebReplayDeadLetterDocument, type WebDeadLettersQuery } from '@mrt/operations';
import { useMutation, useQuery } from '../../client/client-context';
import { Pager, useCursorPages } from '../../components/cursor-pager';
import { ErrorMessage, QueryView } from '../../components/states';
import { formatDateTime } from '../../lib/calendar';
import { DEAD_LETTER_STREAMS, prettyPayload, replayAllOutcome, replayOneOutcome } from '../../lib/dead-letters';

type Letter = WebDeadLettersQuery['deadLetters']['edges'][number]['node'];

/** Events a consumer gave up on, per stream, with the error and the payload; replayed one by one or all at once. */
export function EventsPage() {
  const [stream, setStream] = useState('');
  const pages = useCursorPages();
  const state = useQuery(WebDeadLettersDocument, { stream: stream || null, first: 20, after: pages.after });
  const [replay, replaying] = useMutation(WebReplayDeadLetterDocument);
  const [replayAll, replayingAll] = useMutation(WebReplayAllDeadLettersDocument);
  const [outcome, setOutcome] = useState('');
  const busy = replaying.running || replayingAll.running;
  const error = replaying.error ?? replayingAll.error;

  const replayOne = async (letter: Letter) => {
    const result = await replay({ id: letter.id });
    if (!result) return;
    setOutcome(replayOneOutcome(letter, result.replayDeadLetter));
    pages.reset();
    state.refetch();
  };

  return (
    <section aria-labelledby="events-heading">
      <h1 id="events-heading">Dead letters</h1>
      <p className="muted">Events a consumer gave up on after its retries. A replay sends the event again to the consumer group that failed it, and to no other.</p>
      <div className="filters events-filters">
        <div className="field inline-field">
          <label htmlFor="dead-letter-stream">Stream</label>
          <select
            id="dead-letter-stream"
            value={stream}
            onChange={(event) => {
              setStream(event.target.value);
              pages.reset();
              setOutcome('');
            }}
          >
            <option value="">All streams</option>
            {DEAD_LETTER_STREAMS.map((name) => (
              <option key={name}>{name}</option>
            ))}
          </select>
        </div>
        <button
          type="button"
          disabled={busy || !state.data || state.data.deadLetters.edges.length === 0}
          onClick={async () => {
            const result = await replayAll({ stream: stream || null });
            if (!result) return;
            setOutcome(replayAllOutcome(result.replayAllDeadLetters, stream || null));
            pages.reset();
            state.refetch();
          }}
        >
          Replay all{stream ? ` of ${stream}` : ''}
        </button>
      </div>
      <p role="status" className="outcome" data-testid="replay-outcome">
        {outcome}
      </p>
      {error && <ErrorMessage error={error} />}
      <QueryView state={state} isEmpty={(data) => data.deadLetters.edges.length === 0} empty={stream ? `No dead letters in ${stream}.` : 'No dead letters: every consumer is keeping up.'}>
        {(data) => (
          <>
            <ol className="plain-list dead-letters" data-testid="dead-letters">
              {data.deadLetters.edges.map(({ node }) => (
                <li key={node.id} className="card dead-letter">
                  <div className="dead-letter-head">
                    <div>
                      <strong>{node.type ?? 'unknown event'}</strong>
                      <div className="muted small">
                        {node.stream} → {node.group} · {node.attempts} attempt{node.attempts === 1 ? '' : 's'} · failed {formatDateTime(node.failedAt)}
                      </div>
                    </div>
                    <button type="button" disabled={busy} onClick={() => void replayOne(node)}>
                      Replay<span className="visually-hidden"> {node.type ?? 'event'} {node.eventId ?? node.id}</span>
                    </button>
                  </div>
                  <p className="field-error dead-letter-error">{node.error}</p>
                  <details>
                    <summary>Payload{node.eventId ? ` of ${node.eventId}` : ''}</summary>
                    <pre className="audit-json payload">{prettyPayload(node.payload)}</pre>
                  </details>
                </li>
              ))}
            </ol>
            <Pager label="Dead letter pages" pages={pages} pageInfo={data.deadLetters.pageInfo} loading={state.loading} />
          </>
        )}
      </QueryView>
    </section>
  );
}
