import { Link, useRouter } from '../router';
import { useAuth } from '../state/auth';

interface AdminSection {
  to: string;
  label: string;
  /** Admin-only sections: an EDITOR lacks their scopes (users:admin, events:replay, broadcast). */
  adminOnly?: boolean;
}

/** The operators' console sections, in the order an operator's day goes. */
const SECTIONS: AdminSection[] = [
  { to: '/admin/sources', label: 'Sources' },
  { to: '/admin/resolution', label: 'Resolution' },
  { to: '/admin/events', label: 'Events', adminOnly: true },
  { to: '/admin/broadcast', label: 'Broadcast', adminOnly: true },
  { to: '/admin/users', label: 'Users', adminOnly: true },
  { to: '/admin/audit', label: 'Audit', adminOnly: true },
];

/** The console's own navigation above every admin page; it wraps onto several lines on a phone. */
export function AdminNav() {
  const { user } = useAuth();
  const { location } = useRouter();
  const isAdmin = !!user?.roles.includes('ADMIN');
  return (
    <nav className="admin-nav" aria-label="Admin">
      {SECTIONS.filter((section) => isAdmin || !section.adminOnly).map((section) => (
        <Link key={section.to} to={section.to} aria-current={location.pathname.startsWith(section.to) ? 'page' : undefined}>
          {section.label}
        </Link>
      ))}
    </nav>
  );
}
