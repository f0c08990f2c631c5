// With several platforms: whose config the form edits. "All platforms" edits the shared config;
// a platform edits its overrides, each field marked as the shared value or that platform's own.

import { platformText } from '../model/platforms.ts';
import { useComposer } from '../store/index.ts';
import { selectConfigScope, selectPlatforms } from '../store/selectors.ts';

export function ConfigScope() {
  const platforms = useComposer(selectPlatforms);
  const scope = useComposer(selectConfigScope);
  const { setConfigScope } = useComposer.getState();
  if (platforms.length < 2) return null;
  return (
    <div className="config-scope">
      <span className="muted small" id="config-scope-label">Config for</span>
      <div className="segmented" role="radiogroup" aria-labelledby="config-scope-label">
        <label>
          <input type="radio" name="config-scope" checked={scope === null} onChange={() => setConfigScope(null)} />
          All platforms
        </label>
        {platforms.map((p) => (
          <label key={p.id}>
            <input type="radio" name="config-scope" checked={scope === p.id} onChange={() => setConfigScope(p.id)} />
            {platformText(p) || 'unnamed'}
            {Object.keys(p.overrides).length > 0 && <span className="muted"> ({Object.keys(p.overrides).length} own)</span>}
          </label>
        ))}
      </div>
    </div>
  );
}
