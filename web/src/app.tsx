import { useEffect, type ReactNode } from 'react';
import { ClientProvider } from './client/client-context';
import type { GraphqlClient } from './client/graphql-client';
import { Layout } from './components/layout';
import { Empty, Loading } from './components/states';
import { BroadcastPage } from './pages/admin/broadcast-page';
import { EventsPage } from './pages/admin/events-page';
import { ResolutionBandEditPage } from './pages/admin/resolution-band-edit-page';
import { ResolutionDuplicatesPage } from './pages/admin/resolution-duplicates-page';
import { ResolutionReviewsPage } from './pages/admin/resolution-reviews-page';
import { UsersPage } from './pages/admin/users-page';
import { AdminAuditPage } from './pages/admin-audit-page';
import { AdminNav } from './pages/admin/admin-nav';
import { ShopCreatePage, ShopEditPage } from './pages/admin/shops-form-page';
import { ShopsListPage } from './pages/admin/shops-list-page';
import { ShopShippingPage } from './pages/admin/shops-shipping-page';
import { SourceCreatePage, SourceEditPage } from './pages/admin/sources-form-page';
import { SourcesListPage } from './pages/admin/sources-list-page';
import { RunListingsPage, SourceRunsPage } from './pages/admin/sources-runs-page';
import { ProfilePage, SignInPage, SignUpPage } from './pages/account-pages';
import { EmailVerificationBanner, ForgotPasswordPage, ResetPasswordPage, VerifyEmailPage } from './pages/account-recovery-pages';
import { BandPage } from './pages/band-page';
import { BasketPage } from './pages/basket-page';
import { CalendarPage } from './pages/calendar-page';
import { ChannelsPage } from './pages/channels-page';
import { CollectionPage } from './pages/collection-page';
import { FollowsPage } from './pages/follows-page';
import { NotificationsPage } from './pages/notifications-page';
import { ReleasePage } from './pages/release-page';
import { ReleasesPage } from './pages/releases-page';
import { Link, matchPath, RouterProvider, useRouter } from './router';
import { AuthProvider, useAuth } from './state/auth';
import { NotificationsProvider } from './state/notifications';

interface RouteDefinition {
  path: string;
  title: string;
  /** 'operator': ADMIN or EDITOR; 'admin': ADMIN only (the page's operations need an admin scope). */
  access?: 'user' | 'operator' | 'admin';
  render: (params: Record<string, string>) => ReactNode;
}

const ROUTES: RouteDefinition[] = [
  { path: '/', title: 'Releases', render: () => <ReleasesPage /> },
  { path: '/releases', title: 'Releases', render: () => <ReleasesPage /> },
  { path: '/releases/:id', title: 'Release', render: ({ id }) => <ReleasePage key={id} id={id!} /> },
  { path: '/bands/:slug', title: 'Band', render: ({ slug }) => <BandPage key={slug} slug={slug!} /> },
  { path: '/calendar', title: 'Upcoming releases', render: () => <CalendarPage /> },
  { path: '/basket', title: 'Basket planner', render: () => <BasketPage /> },
  { path: '/collection', title: 'My collection', access: 'user', render: () => <CollectionPage /> },
  { path: '/follows', title: 'My follows', access: 'user', render: () => <FollowsPage /> },
  { path: '/channels', title: 'Notification channels', access: 'user', render: () => <ChannelsPage /> },
  { path: '/notifications', title: 'Notifications', access: 'user', render: () => <NotificationsPage /> },
  { path: '/profile', title: 'Profile', access: 'user', render: () => <ProfilePage /> },
  { path: '/sign-in', title: 'Sign in', render: () => <SignInPage /> },
  { path: '/sign-up', title: 'Sign up', render: () => <SignUpPage /> },
  { path: '/forgot-password', title: 'Reset your password', render: () => <ForgotPasswordPage /> },
  { path: '/reset-password', title: 'Choose a new password', render: () => <ResetPasswordPage /> },
  { path: '/verify-email', title: 'Confirm your email address', render: () => <VerifyEmailPage /> },
  { path: '/admin/sources', title: 'Sources', access: 'operator', render: () => <SourcesListPage /> },
  { path: '/admin/sources/new', title: 'Add a source', access: 'operator', render: () => <SourceCreatePage /> },
  { path: '/admin/sources/:id', title: 'Parser runs', access: 'operator', render: ({ id }) => <SourceRunsPage key={id} sourceId={id!} /> },
  { path: '/admin/sources/:id/runs', title: 'Parser runs', access: 'operator', render: ({ id }) => <SourceRunsPage key={id} sourceId={id!} /> },
  { path: '/admin/sources/:id/edit', title: 'Edit source', access: 'operator', render: ({ id }) => <SourceEditPage key={id} id={id!} /> },
  { path: '/admin/sources/:id/runs/:runId', title: 'Parser run', access: 'operator', render: ({ id, runId }) => <RunListingsPage key={runId} sourceId={id!} runId={runId!} /> },
  { path: '/admin/shops', title: 'Shops', access: 'operator', render: () => <ShopsListPage /> },
  { path: '/admin/shops/new', title: 'Add a shop', access: 'operator', render: () => <ShopCreatePage /> },
  { path: '/admin/shops/:id/edit', title: 'Edit shop', access: 'operator', render: ({ id }) => <ShopEditPage key={id} id={id!} /> },
  { path: '/admin/shops/:id/shipping', title: 'Shipping profile', access: 'operator', render: ({ id }) => <ShopShippingPage key={id} id={id!} /> },
  { path: '/admin/audit', title: 'Audit log', access: 'operator', render: () => <AdminAuditPage /> },
  { path: '/admin/resolution', title: 'Review queue', access: 'operator', render: () => <ResolutionReviewsPage /> },
  { path: '/admin/resolution/duplicates', title: 'Duplicate bands', access: 'operator', render: () => <ResolutionDuplicatesPage /> },
  { path: '/admin/bands/:id', title: 'Edit band', access: 'operator', render: ({ id }) => <ResolutionBandEditPage key={id} id={id!} /> },
  { path: '/admin/events', title: 'Dead letters', access: 'admin', render: () => <EventsPage /> },
  { path: '/admin/broadcast', title: 'Broadcast', access: 'admin', render: () => <BroadcastPage /> },
  { path: '/admin/users', title: 'Users', access: 'admin', render: () => <UsersPage /> },
];

function Routes() {
  const { location } = useRouter();
  const { user, loading, isOperator } = useAuth();
  const match = ROUTES.map((route) => ({ route, params: matchPath(route.path, location.pathname) })).find((candidate) => candidate.params);
  useEffect(() => {
    document.title = `${match?.route.title ?? 'Not found'} · Metal Release Tracker`;
  }, [match?.route.title]);

  if (!match) return <Empty>This page does not exist. Go to the <Link to="/releases">releases</Link>.</Empty>;
  const { route, params } = match;
  if (route.access && loading) return <Loading />;
  if (route.access && !user) {
    return (
      <Empty>
        Please <Link to="/sign-in">sign in</Link> to see this page.
      </Empty>
    );
  }
  if ((route.access === 'operator' || route.access === 'admin') && !isOperator) return <Empty>This page is for operators.</Empty>;
  if (route.access === 'admin' && !user!.roles.includes('ADMIN')) {
    return (
      <>
        <AdminNav />
        <Empty>This page is for admins.</Empty>
      </>
    );
  }
  if (route.access === 'operator' || route.access === 'admin') {
    return (
      <>
        <AdminNav />
        {route.render(params!)}
      </>
    );
  }
  return <>{route.render(params!)}</>;
}

export function App({ client }: { client: GraphqlClient }) {
  return (
    <ClientProvider client={client}>
      <RouterProvider>
        <AuthProvider>
          <NotificationsProvider>
            <Layout>
              <EmailVerificationBanner />
              <Routes />
            </Layout>
          </NotificationsProvider>
        </AuthProvider>
      </RouterProvider>
    </ClientProvider>
  );
}
