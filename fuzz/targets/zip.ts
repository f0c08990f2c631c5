// The zip reader: opening the archive and every entry may only fail with ArchiveError, and an
// entry that opens has exactly the size the directory declares.

import { ArchiveError } from '../../src/core/formats/archive.ts';
import { openZipArchive } from '../../src/core/formats/zip/read.ts';
import { mutate } from '../mutate.ts';
import { Finding, refusal, type FuzzTarget } from '../target.ts';

export const zipTarget: FuzzTarget = {
  name: 'zip',
  next: (rng, corpus) => mutate(rng.pick(corpus), rng, corpus),
  async check(input) {
    await refusal([ArchiveError], async () => {
      const zip = await openZipArchive(new Blob([input as BlobPart]));
      for (const name of zip.names().slice(0, 50)) {
        const declared = zip.size(name);
        let opened: Awaited<ReturnType<typeof zip.open>>;
        const refused = await refusal([ArchiveError], async () => {
          opened = await zip.open(name);
        });
        if (!refused && opened && declared !== undefined && opened.viaLinks.length === 0 && opened.blob.size !== declared) {
          throw new Finding('bound', `entry ${name} opened with ${opened.blob.size} bytes, the directory says ${declared}`);
        }
      }
    });
  },
};
