import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { GraphqlClient } from './client/graphql-client';
import './styles.css';

const client = new GraphqlClient({ url: '/graphql', storage: window.localStorage });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App client={client} />
  </StrictMode>,
);
