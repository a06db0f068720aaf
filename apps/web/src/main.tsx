import '@mantine/core/styles.css';
import './app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { session } from './identity/session';

const root = createRoot(document.getElementById('root')!);

// The refresh cookie decides who is signed in before the first route's guard runs.
void session.restore().then(() =>
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
