// Whose files the tree shows, when the image has several platforms: layers shared by all look the
// same for each, a per-platform layer shows the chosen platform's own files.

import { platformText } from '../model/platforms.ts';
import { useComposer } from '../store/index.ts';
import { selectActivePlatform, selectPlatforms } from '../store/selectors.ts';

export function PlatformPicker() {
  const platforms = useComposer(selectPlatforms);
  const active = useComposer(selectActivePlatform);
  if (platforms.length < 2) return null;
  return (
    <div className="segmented platform-files" role="radiogroup" aria-label="Files of platform">
      {platforms.map((p) => (
        <label key={p.id}>
          <input type="radio" name="files-platform" checked={p.id === active} onChange={() => useComposer.getState().setActivePlatform(p.id)} />
          {platformText(p) || 'unnamed platform'}
        </label>
      ))}
    </div>
  );
}
