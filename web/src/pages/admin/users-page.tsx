import { useState, type FormEvent } from 'react';
import { WebSetUserRolesDocument, WebUsersDocument, type Role, type WebUsersQuery } from '@mrt/operations';
import { useMutation, useQuery } from '../../client/client-context';
import { Pager, useCursorPages } from '../../components/cursor-pager';
import { ErrorMessage, QueryView } from '../../components/states';
import { formatDateTime } from '../../lib/calendar';
import { ASSIGNABLE_ROLES, ROLE_LABELS, roleSwitchLock, withRole } from '../../lib/roles';
import { useAuth } from '../../state/auth';

type Account = WebUsersQuery['users']['edges'][number]['node'];

/** Every account, searchable by email or name, with its roles (admins only: scope users:admin). */
export function UsersPage() {
  const [draft, setDraft] = useState('');
  const [search, setSearch] = useState('');
  const pages = useCursorPages();
  const state = useQuery(WebUsersDocument, { search: search || null, first: 25, after: pages.after });
  const [outcome, setOutcome] = useState('');

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setSearch(draft.trim());
    pages.reset();
  };

  return (
    <section aria-labelledby="users-heading">
      <h1 id="users-heading">Users</h1>
      <form className="filters inline-form" role="search" aria-label="Find users" onSubmit={apply}>
        <div className="field">
          <label htmlFor="user-search">Email or name</label>
          <input id="user-search" type="search" value={draft} onChange={(event) => setDraft(event.target.value)} />
        </div>
        <button type="submit">Search</button>
      </form>
      <p className="muted small">A role change takes effect at the account’s next sign-in or token refresh.</p>
      <p role="status" className="outcome" data-testid="roles-outcome">
        {outcome}
      </p>
      <QueryView state={state} isEmpty={(data) => data.users.edges.length === 0} empty={search ? `No account matches “${search}”.` : 'No accounts yet.'}>
        {(data) => (
          <>
            <div className="table-scroll stack-on-phone">
              <table data-testid="users">
                <thead>
                  <tr>
                    <th scope="col">Account</th>
                    <th scope="col">Joined</th>
                    <th scope="col">Roles</th>
                  </tr>
                </thead>
                <tbody>
                  {data.users.edges.map(({ node }) => (
                    <UserRow key={node.id} account={node} onChanged={setOutcome} />
                  ))}
                </tbody>
              </table>
            </div>
            <Pager label="User pages" pages={pages} pageInfo={data.users.pageInfo} loading={state.loading} />
          </>
        )}
      </QueryView>
    </section>
  );
}

function UserRow({ account, onChanged }: { account: Account; onChanged: (outcome: string) => void }) {
  const { user: me } = useAuth();
  const [roles, setRoles] = useState<Role[]>(account.roles);
  const [setUserRoles, saving] = useMutation(WebSetUserRolesDocument);

  const toggle = async (role: Role, on: boolean) => {
    const result = await setUserRoles({ userId: account.id, roles: withRole(roles, role, on) });
    if (!result) return;
    setRoles(result.setUserRoles.roles);
    onChanged(`${account.displayName} now has ${result.setUserRoles.roles.join(', ')}.`);
  };

  return (
    <tr>
      <td data-label="Account">
        <div>
          <strong>{account.displayName}</strong>
          <div className="small account-email">
            {account.email}
            {account.emailVerified === false && <span className="muted"> (unconfirmed)</span>}
          </div>
        </div>
      </td>
      <td data-label="Joined" className="nowrap">
        {formatDateTime(account.createdAt)}
      </td>
      <td data-label="Roles">
        <div>
          <fieldset className="role-switches" disabled={saving.running}>
            <legend className="visually-hidden">Roles of {account.displayName}</legend>
            {ASSIGNABLE_ROLES.map((role) => {
              const lock = roleSwitchLock({ id: account.id, roles }, role, me?.id);
              return (
                <label key={role} className="check" title={lock ?? ROLE_LABELS[role]}>
                  <input type="checkbox" checked={roles.includes(role)} disabled={!!lock} onChange={(event) => void toggle(role, event.target.checked)} />
                  {role === 'EDITOR' ? 'Editor' : 'Admin'}
                  <span className="visually-hidden"> ({account.displayName})</span>
                </label>
              );
            })}
          </fieldset>
          {saving.error && <ErrorMessage error={saving.error} />}
        </div>
      </td>
    </tr>
  );
}
