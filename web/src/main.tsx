import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { GraphqlClient } from './client/graphql-client';
import './styles.css';

const client = new GraphqlClient({ url: '/graphql', storage: window.localStorage });
// Sign-in, sign-out and refresh in another tab: the event fires in every tab but the writer.
window.addEventListener('storage', (event) => {
  if (event.storageArea === window.localStorage) client.session.storageChanged(event.key);
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App client={client} />
  </StrictMode>,
);
