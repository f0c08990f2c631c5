import { beforeEach, describe, expect, it } from 'vitest';
import type { FsEntry } from '../../../core/fs/entry.ts';
import { emptyComposition, newLayer, type Composition } from '../model/composition.ts';
import { markOutline } from '../model/outline.ts';
import { useComposer } from './index.ts';
import { selectContentsPending } from './selectors.ts';

const motd = (content?: Blob): FsEntry => ({ path: 'etc/motd', type: 'file', mode: 0o644, uid: 0, gid: 0, size: 3, ...(content ? { content } : {}) });

function restored(entry: FsEntry): Composition {
  const c = emptyComposition();
  return { ...c, layers: [{ ...newLayer('COPY . /'), entries: { [entry.path]: entry }, revision: 1 }] };
}

describe('a restored composition whose contents are still being read back', () => {
  let outline: Composition;
  beforeEach(() => {
    outline = markOutline(restored(motd()));
    useComposer.getState().replaceComposition(outline);
  });

  it('refuses edits, saying why, so no file loses its bytes', () => {
    useComposer.getState().updateEntry('etc/motd', { mode: 0o600 });
    useComposer.getState().addLayer();
    useComposer.getState().setConfigField('cmd', 'cat /etc/motd');
    // A refused rename says so, so the rename field stays open instead of closing as if done.
    expect(useComposer.getState().renamePath('etc/motd', 'issue')).toBe(false);
    const state = useComposer.getState();
    expect(state.composition).toBe(outline);
    expect(state.notice?.text).toMatch(/still being read back/);
  });

  it('takes its contents, and edits work again', () => {
    const complete = restored(motd(new Blob(['hi\n'])));
    useComposer.getState().fillContents(outline, complete);
    expect(useComposer.getState().composition).toBe(complete);
    expect(selectContentsPending(useComposer.getState())).toBe(false);
    useComposer.getState().setConfigField('cmd', 'cat /etc/motd');
    expect(useComposer.getState().composition.config.cmd).toBe('cat /etc/motd');
  });

  it('keeps a composition that replaced the outline (New image) when the contents arrive', () => {
    const fresh = emptyComposition();
    useComposer.getState().replaceComposition(fresh);
    useComposer.getState().fillContents(outline, restored(motd(new Blob(['hi\n']))));
    expect(useComposer.getState().composition).toBe(fresh);
  });
});
