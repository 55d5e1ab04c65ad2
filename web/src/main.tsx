import '@fontsource/be-vietnam-pro/400.css';
import '@fontsource/be-vietnam-pro/500.css';
import '@fontsource/be-vietnam-pro/600.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppProviders } from './app-providers.tsx';
import { AppRoutes } from './app-routes.tsx';
import { initI18n } from './i18n/i18n.ts';
import { nameListboxesAsTheyOpen } from './lib/name-listboxes.ts';
import { OfflineSync } from './offline/offline-sync.tsx';
import { registerServiceWorker } from './offline/register.ts';

async function start(): Promise<void> {
  await initI18n();
  const container = document.getElementById('root');
  if (!container) throw new Error('#root is missing from index.html');
  createRoot(container).render(
    <StrictMode>
      <AppProviders>
        <AppRoutes />
        <OfflineSync />
      </AppProviders>
    </StrictMode>,
  );
  nameListboxesAsTheyOpen();
  // The installable app and its offline copy (issue 21).
  void registerServiceWorker();
}

void start();
