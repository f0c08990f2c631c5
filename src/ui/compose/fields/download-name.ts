// File names for downloads, derived from the image name: `example.com/team/app:1.0` -> `app-1.0`.

export function downloadBaseName(imageName: string): string {
  const trimmed = imageName.trim();
  if (trimmed === '') return 'image';
  const withoutDigest = trimmed.split('@')[0];
  const lastSlash = withoutDigest.lastIndexOf('/');
  const repoAndTag = withoutDigest.slice(lastSlash + 1);
  const colon = repoAndTag.lastIndexOf(':');
  const repo = colon >= 0 ? repoAndTag.slice(0, colon) : repoAndTag;
  const tag = colon >= 0 ? repoAndTag.slice(colon + 1) : 'latest';
  const safe = `${repo}-${tag}`.replace(/[^A-Za-z0-9._-]+/g, '_');
  return safe === '-' ? 'image' : safe;
}

export const zipFileName = (imageName: string) => `${downloadBaseName(imageName)}.oci.zip`;
export const tarFileName = (imageName: string) => `${downloadBaseName(imageName)}.tar`;
