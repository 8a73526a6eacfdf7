import { useState, type FormEvent } from 'react';
import { asRequestError } from '../client/client-context';
import type { GraphqlRequestError } from '../client/graphql-client';

/** A form's submit: runs `action`, then `then`; keeps the error to show and whether it runs. */
export function useSubmit(action: () => Promise<void>, then: () => void) {
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<GraphqlRequestError>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setRunning(true);
    setError(undefined);
    try {
      await action();
      then();
    } catch (caught) {
      setError(asRequestError(caught));
    } finally {
      setRunning(false);
    }
  };
  return { running, error, submit };
}
