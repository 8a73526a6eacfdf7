import { Link, useRouter } from '../../router';
import { useAuth } from '../../state/auth';

/** The console's sections, in the order the sub-navigation shows them. */
const ADMIN_SECTIONS: readonly { to: string; label: string; adminOnly?: boolean }[] = [
  { to: '/admin/sources', label: 'Sources' },
  { to: '/admin/shops', label: 'Shops' },
  { to: '/admin/resolution', label: 'Resolution' },
  // Admin-only: an EDITOR lacks their scopes (events:replay, broadcast, users:admin).
  { to: '/admin/events', label: 'Events', adminOnly: true },
  { to: '/admin/broadcast', label: 'Broadcast', adminOnly: true },
  { to: '/admin/users', label: 'Users', adminOnly: true },
  { to: '/admin/audit', label: 'Audit log', adminOnly: true },
];

/** Shown above every admin page: where else the console goes. */
export function AdminNav() {
  const { location } = useRouter();
  const { user } = useAuth();
  const isAdmin = !!user?.roles.includes('ADMIN');
  return (
    <nav className="admin-nav" aria-label="Console">
      {ADMIN_SECTIONS.filter((section) => isAdmin || !section.adminOnly).map((section) => (
        <Link key={section.to} to={section.to} aria-current={location.pathname.startsWith(section.to) ? 'page' : undefined}>
          {section.label}
        </Link>
      ))}
    </nav>
  );
}
