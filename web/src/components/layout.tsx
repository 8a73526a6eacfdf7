import { useEffect, useState, type ReactNode } from 'react';
import { Link, useRouter } from '../router';
import { useAuth } from '../state/auth';
import { useNotifications } from '../state/notifications';
import { badgeText } from '../lib/unread-count';

function NavLink({ to, children }: { to: string; children: ReactNode }) {
  const { location } = useRouter();
  const active = to === '/' ? location.pathname === '/' : location.pathname.startsWith(to);
  return (
    <Link to={to} aria-current={active ? 'page' : undefined}>
      {children}
    </Link>
  );
}

export function NotificationBell() {
  const { unread } = useNotifications();
  const text = badgeText(unread.count);
  const label = unread.count === 0 ? 'Notifications, none unread' : `Notifications, ${unread.count} unread`;
  return (
    <Link to="/notifications" className="bell" aria-label={label} data-testid="notification-bell">
      <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
        <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z" fill="currentColor" />
      </svg>
      {text && (
        <span className="badge" data-testid="unread-count">
          {text}
        </span>
      )}
    </Link>
  );
}

/** Header with navigation and the bell; the menu folds away on a phone. */
export function Layout({ children }: { children: ReactNode }) {
  const { user, isOperator, signOut } = useAuth();
  const { location, navigate } = useRouter();
  const { subscribeToPushes } = useNotifications();
  const [menuOpen, setMenuOpen] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  useEffect(() => setMenuOpen(false), [location.pathname]);
  useEffect(() => subscribeToPushes((notification) => setAnnouncement(`New notification: ${notification.title}`)), [subscribeToPushes]);

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <Link to="/" className="brand">
          Metal Release Tracker
        </Link>
        <button type="button" className="menu-toggle" aria-expanded={menuOpen} aria-controls="site-nav" onClick={() => setMenuOpen((open) => !open)}>
          Menu
        </button>
        <nav id="site-nav" className={menuOpen ? 'open' : undefined} aria-label="Main">
          <NavLink to="/releases">Releases</NavLink>
          <NavLink to="/calendar">Calendar</NavLink>
          <NavLink to="/basket">Basket</NavLink>
          {user && <NavLink to="/collection">Collection</NavLink>}
          {user && <NavLink to="/follows">Follows</NavLink>}
          {isOperator && <NavLink to="/admin/sources">Admin</NavLink>}
          {user ? (
            <>
              <NavLink to="/profile">{user.displayName}</NavLink>
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  // Leave at once: the token revocation finishing later must not move the page again.
                  navigate('/');
                  void signOut();
                }}
              >
                Sign out
              </button>
            </>
          ) : (
            <>
              <NavLink to="/sign-in">Sign in</NavLink>
              <NavLink to="/sign-up">Sign up</NavLink>
            </>
          )}
        </nav>
        {user && <NotificationBell />}
      </header>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
