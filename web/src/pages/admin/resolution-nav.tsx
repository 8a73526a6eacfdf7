import { Link, useRouter } from '../../router';

/** Review queue and duplicate bands: the two halves of resolution. */
export function ResolutionNav() {
  const { location } = useRouter();
  const tab = (to: string, label: string) => (
    <Link to={to} aria-current={location.pathname === to ? 'page' : undefined}>
      {label}
    </Link>
  );
  return (
    <nav className="admin-tabs" aria-label="Resolution">
      {tab('/admin/resolution', 'Review queue')}
      {tab('/admin/resolution/duplicates', 'Duplicate bands')}
    </nav>
  );
}
