import { useEffect, useRef, useState } from 'react';
import { WebDeleteMyAccountDocument, WebRequestEmailVerificationDocument, WebRequestPasswordResetDocument, WebResetPasswordDocument, WebVerifyEmailDocument } from '@mrt/operations';
import { useClient, useMutation } from '../client/client-context';
import { ErrorMessage, Loading } from '../components/states';
import { useSubmit } from '../components/use-submit';
import { Link, useRouter } from '../router';
import { useAuth } from '../state/auth';

/** The token of an emailed link (/reset-password?token=..., /verify-email?token=...). */
function useLinkToken(): string {
  const { location } = useRouter();
  return new URLSearchParams(location.search).get('token') ?? '';
}

export function ForgotPasswordPage() {
  const client = useClient();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const { running, error, submit } = useSubmit(
    async () => void (await client.request(WebRequestPasswordResetDocument, { email })),
    () => setSent(true),
  );
  return (
    <section aria-labelledby="forgot-heading" className="narrow">
      <h1 id="forgot-heading">Reset your password</h1>
      {sent ? (
        <p role="status">If {email} has an account, a link to choose a new password is on its way. It works once, for 30 minutes.</p>
      ) : (
        <form onSubmit={submit}>
          <div className="field">
            <label htmlFor="forgot-email">Email</label>
            <input id="forgot-email" type="email" autoComplete="email" required value={email} onChange={(event) => setEmail(event.target.value)} />
          </div>
          {error && <ErrorMessage error={error} />}
          <button type="submit" disabled={running}>
            Send me a link
          </button>
        </form>
      )}
      <p>
        <Link to="/sign-in">Back to sign in</Link>
      </p>
    </section>
  );
}

export function ResetPasswordPage() {
  const client = useClient();
  const token = useLinkToken();
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const { running, error, submit } = useSubmit(
    async () => void (await client.request(WebResetPasswordDocument, { token, newPassword: password })),
    () => setDone(true),
  );
  return (
    <section aria-labelledby="reset-heading" className="narrow">
      <h1 id="reset-heading">Choose a new password</h1>
      {done ? (
        <p role="status">
          Your password is changed and every session is signed out. <Link to="/sign-in">Sign in</Link> with the new one.
        </p>
      ) : (
        <form onSubmit={submit}>
          <div className="field">
            <label htmlFor="reset-password">New password</label>
            <input id="reset-password" type="password" autoComplete="new-password" required minLength={10} value={password} onChange={(event) => setPassword(event.target.value)} />
            <span className="muted small">At least 10 characters; a passphrase is best.</span>
          </div>
          {error && <ErrorMessage error={error} />}
          <button type="submit" disabled={running || !token}>
            Set new password
          </button>
          {!token && <p className="muted">This page needs the link from your email.</p>}
        </form>
      )}
    </section>
  );
}

export function VerifyEmailPage() {
  const token = useLinkToken();
  const { user, setUser } = useAuth();
  const [verify, state] = useMutation(WebVerifyEmailDocument);
  const started = useRef(false);
  useEffect(() => {
    // A link is spent by its first use: verify once, not on every render.
    if (started.current || !token) return;
    started.current = true;
    void verify({ token });
  }, [token, verify]);
  useEffect(() => {
    if (state.data && user && !user.emailVerified) setUser({ ...user, emailVerified: true });
  }, [state.data, user, setUser]);
  return (
    <section aria-labelledby="verify-heading" className="narrow">
      <h1 id="verify-heading">Confirm your email address</h1>
      {state.error ? <ErrorMessage error={state.error} /> : state.data ? <p role="status">Thank you: your address is confirmed.</p> : token ? <Loading /> : <p>This page needs the link from your email.</p>}
    </section>
  );
}

/** Shown to a signed-in fan whose address is not confirmed yet. */
export function EmailVerificationBanner() {
  const { user } = useAuth();
  const [resend, state] = useMutation(WebRequestEmailVerificationDocument);
  if (!user || user.emailVerified !== false) return null;
  return (
    <div className="banner" role="status">
      Please confirm your email address with the link we sent to {user.email}.{' '}
      {state.data ? (
        'A new link is on its way.'
      ) : (
        <button type="button" className="link-button" disabled={state.running} onClick={() => void resend({})}>
          Resend the link
        </button>
      )}
      {state.error && <ErrorMessage error={state.error} />}
    </div>
  );
}

export function DeleteAccountSection() {
  const client = useClient();
  const { signOut } = useAuth();
  const { navigate } = useRouter();
  const [password, setPassword] = useState('');
  const [confirming, setConfirming] = useState(false);
  const { running, error, submit } = useSubmit(
    async () => {
      await client.request(WebDeleteMyAccountDocument, { password });
      // The sessions went with the account: only the local copy is left to drop.
      await signOut();
    },
    () => navigate('/releases'),
  );
  return (
    <section aria-labelledby="delete-account-heading">
      <h2 id="delete-account-heading">Delete my account</h2>
      <p className="muted">Your account, follows, channels, notifications and feeds are removed for good.</p>
      {confirming ? (
        <form onSubmit={submit}>
          <div className="field">
            <label htmlFor="delete-account-password">Your password, to confirm</label>
            <input id="delete-account-password" type="password" autoComplete="current-password" required value={password} onChange={(event) => setPassword(event.target.value)} />
          </div>
          {error && <ErrorMessage error={error} />}
          <button type="submit" className="danger" disabled={running}>
            Delete my account for good
          </button>{' '}
          <button type="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <button type="button" className="danger" onClick={() => setConfirming(true)}>
          Delete my account
        </button>
      )}
    </section>
  );
}
