// Offers a new version of the app once its service worker has downloaded it, and never applies it
// by itself (registerType 'prompt'): the new worker waits until the person chooses to reload, so
// nothing reloads under their hands. A long-open tab looks for a new version every hour.

import { useRegisterSW } from 'virtual:pwa-register/react';
import './shell-notes.css';

const CHECK_EVERY_MS = 60 * 60 * 1000;

export function UpdatePrompt() {
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW({
    onRegisteredSW(_url, registration) {
      if (registration) setInterval(() => void registration.update(), CHECK_EVERY_MS);
    },
  });
  if (!needRefresh) return null;
  return (
    <aside className="shell-note is-update" aria-label="New version">
      <p>
        <strong>A new version of Layerpad is available.</strong> Reload when it suits you: the composition saved in this
        browser stays; an archive open in the inspector has to be opened again.
      </p>
      <button type="button" className="primary" onClick={() => void updateServiceWorker(true)}>Reload</button>
      <button type="button" onClick={() => setNeedRefresh(false)}>Later</button>
    </aside>
  );
}
