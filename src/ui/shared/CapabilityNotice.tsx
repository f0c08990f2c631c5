// A note under the header for each thing this browser lacks (capabilities.ts): what is slower or
// unavailable, in words, instead of a blank page or a stack trace later. Dismissed per page load.

import { useEffect, useState } from 'react';
import { findShortfalls, type Shortfall } from './capabilities.ts';
import './shell-notes.css';

export function CapabilityNotice() {
  const [shortfalls, setShortfalls] = useState<Shortfall[]>([]);
  const [dismissed, setDismissed] = useState(false);
  useEffect(() => {
    let live = true;
    void findShortfalls().then((found) => live && setShortfalls(found));
    return () => {
      live = false;
    };
  }, []);
  if (dismissed || shortfalls.length === 0) return null;
  return (
    <aside className="shell-note" aria-label="What this browser cannot do">
      <ul>
        {shortfalls.map((s) => (
          <li key={s.id} data-shortfall={s.id}>
            <strong>{s.title}.</strong> {s.detail}
          </li>
        ))}
      </ul>
      <button type="button" className="icon-button" aria-label="Dismiss browser notes" onClick={() => setDismissed(true)}>✕</button>
    </aside>
  );
}
