// Keys of the merged tree's rows, shared by the worker (which builds the tree) and the UI (which
// maps a chosen row back to a layer and path). Visible entries are keyed by their path; a hidden
// copy by its layer and path, with NUL separators no path can contain.

export const hiddenKey = (layer: number, path: string) => `\0${layer}\0${path}`;

export function parseTreeKey(key: string): { path: string; hiddenLayer?: number } {
  if (!key.startsWith('\0')) return { path: key };
  const end = key.indexOf('\0', 1);
  return { path: key.slice(end + 1), hiddenLayer: Number(key.slice(1, end)) };
}
