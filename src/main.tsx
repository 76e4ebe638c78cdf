import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, preloadFirstScreen } from './app/App';
import './app/styles.css';
import { getDb } from './db/client';
import { requestPersistence } from './db/storage';
import { initI18n } from './i18n';

initI18n();
getDb();
// the first screen's code and data load beside the workspace and its rules, not after them
preloadFirstScreen(window.location.hash);
// Ask once at start; Chromium grants it silently to installed or engaged sites. The home screen
// shows the result and offers to ask again.
void requestPersistence();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// The service worker (vite-plugin-pwa, Workbox) precaches the whole build for offline use; it is
// registered by a small inline script that the plugin adds to index.html (production builds only).
