import { useState } from 'react';
import { useMutation } from '../client/client-context';
import { ErrorMessage, Loading } from '../components/states';
import { useSubmit } from '../components/use-submit';
import { DeleteAccountSection } from './account-recovery-pages';
import { WebUpdateProfileDocument } from '@mrt/operations';
import { Link, useRouter } from '../router';
import { useAuth } from '../state/auth';

export function SignInPage() {
  const { signIn } = useAuth();
  const { navigate } = useRouter();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { running, error, submit } = useSubmit(() => signIn({ email, password }), () => navigate('/releases'));
  return (
    <section aria-labelledby="sign-in-heading" className="narrow">
      <h1 id="sign-in-heading">Sign in</h1>
      <form onSubmit={submit}>
        <div className="field">
          <label htmlFor="sign-in-email">Email</label>
          <input id="sign-in-email" type="email" autoComplete="email" required value={email} onChange={(event) => setEmail(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="sign-in-password">Password</label>
          <input id="sign-in-password" type="password" autoComplete="current-password" required value={password} onChange={(event) => setPassword(event.target.value)} />
        </div>
        {error && <ErrorMessage error={error} />}
        <button type="submit" disabled={running}>
          Sign in
        </button>
      </form>
      <p>
        <Link to="/forgot-password">Forgot password?</Link>
      </p>
      <p>
        New here? <Link to="/sign-up">Create an account</Link>
      </p>
    </section>
  );
}

export function SignUpPage() {
  const { signUp } = useAuth();
  const { navigate } = useRouter();
  const [form, setForm] = useState({ email: '', password: '', displayName: '', country: '', currency: 'EUR' });
  const { running, error, submit } = useSubmit(
    () =>
      signUp({
        email: form.email,
        password: form.password,
        displayName: form.displayName,
        country: form.country ? form.country.toUpperCase() : undefined,
        currency: form.currency ? form.currency.toUpperCase() : undefined,
      }),
    () => navigate('/releases'),
  );
  const field = (key: keyof typeof form) => ({ value: form[key], onChange: (event: { target: { value: string } }) => setForm({ ...form, [key]: event.target.value }) });
  return (
    <section aria-labelledby="sign-up-heading" className="narrow">
      <h1 id="sign-up-heading">Create an account</h1>
      <form onSubmit={submit}>
        <div className="field">
          <label htmlFor="sign-up-name">Display name</label>
          <input id="sign-up-name" autoComplete="nickname" required {...field('displayName')} />
        </div>
        <div className="field">
          <label htmlFor="sign-up-email">Email</label>
          <input id="sign-up-email" type="email" autoComplete="email" required {...field('email')} />
        </div>
        <div className="field">
          <label htmlFor="sign-up-password">Password</label>
          <input id="sign-up-password" type="password" autoComplete="new-password" required minLength={10} aria-describedby="sign-up-password-hint" {...field('password')} />
          <span id="sign-up-password-hint" className="muted small">
            At least 10 characters; a passphrase is best.
          </span>
        </div>
        <div className="field">
          <label htmlFor="sign-up-country">Country (two letters, optional)</label>
          <input id="sign-up-country" maxLength={2} autoComplete="country" pattern="[A-Za-z]{2}" {...field('country')} />
        </div>
        <div className="field">
          <label htmlFor="sign-up-currency">Currency</label>
          <input id="sign-up-currency" maxLength={3} pattern="[A-Za-z]{3}" {...field('currency')} />
        </div>
        {error && <ErrorMessage error={error} />}
        <button type="submit" disabled={running}>
          Sign up
        </button>
      </form>
      <p>
        Have an account? <Link to="/sign-in">Sign in</Link>
      </p>
    </section>
  );
}

export function ProfilePage() {
  const { user, setUser } = useAuth();
  const [update, updating] = useMutation(WebUpdateProfileDocument);
  const [form, setForm] = useState({ displayName: user?.displayName ?? '', country: user?.country ?? '', currency: user?.currency ?? 'EUR' });
  const [saved, setSaved] = useState(false);
  if (!user) return <Loading />;
  return (
    <section aria-labelledby="profile-heading" className="narrow">
      <h1 id="profile-heading">Profile</h1>
      <p className="muted">{user.email}</p>
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          setSaved(false);
          const result = await update({
            input: { displayName: form.displayName, country: form.country ? form.country.toUpperCase() : null, currency: form.currency.toUpperCase() },
          });
          if (result) {
            setUser(result.updateProfile);
            setSaved(true);
          }
        }}
      >
        <div className="field">
          <label htmlFor="profile-name">Display name</label>
          <input id="profile-name" required value={form.displayName} onChange={(event) => setForm({ ...form, displayName: event.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="profile-country">Country (two letters; shipping estimates use it)</label>
          <input id="profile-country" maxLength={2} pattern="[A-Za-z]{2}" value={form.country} onChange={(event) => setForm({ ...form, country: event.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="profile-currency">Currency</label>
          <input id="profile-currency" maxLength={3} pattern="[A-Za-z]{3}" required value={form.currency} onChange={(event) => setForm({ ...form, currency: event.target.value })} />
        </div>
        {updating.error && <ErrorMessage error={updating.error} />}
        <button type="submit" disabled={updating.running}>
          Save profile
        </button>
        {saved && <span role="status"> Saved.</span>}
      </form>
      <h2>Notifications</h2>
      <p>
        <Link to="/channels">Notification channels</Link>: get your news on Discord, ntfy, email, Telegram or as browser push.
      </p>
      <DeleteAccountSection />
    </section>
  );
}
