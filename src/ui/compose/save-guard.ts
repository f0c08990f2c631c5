// Two tabs on one saved composition must not silently overwrite each other. Every save is stamped
// with the tab that made it; a tab saves only over the version it loaded or saved last, and is
// told at once (BroadcastChannel) when another tab saves, so the person chooses: reload to take
// the other tab's version, or save this tab's over it.

export interface SaveStamp {
  tab: string;
  seq: number;
}

const CHANNEL = 'layerpad-composer-saves';

export interface SaveGuard {
  /** The stamp a save by this tab writes now. */
  next(): SaveStamp;
  /** This tab now holds the version stamped `stamp` (loaded, or just saved). */
  holds(stamp: SaveStamp | undefined): void;
  /** True when `stored` (what storage holds now) is not the version this tab holds. */
  overtaken(stored: SaveStamp | undefined): boolean;
  /** Tells the other tabs a save happened. */
  announce(stamp: SaveStamp): void;
}

/** `onOtherSave` runs when another tab saved (this tab's version is then behind). */
export function createSaveGuard(onOtherSave: () => void): SaveGuard {
  const tab = crypto.randomUUID();
  let seq = 0;
  let held: SaveStamp | undefined;
  const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL);
  channel?.addEventListener('message', (event: MessageEvent<SaveStamp>) => {
    if (event.data?.tab && event.data.tab !== tab) onOtherSave();
  });
  const same = (a: SaveStamp | undefined, b: SaveStamp | undefined) => a?.tab === b?.tab && a?.seq === b?.seq;
  return {
    next: () => ({ tab, seq: ++seq }),
    holds: (stamp) => void (held = stamp),
    overtaken: (stored) => !same(stored, held),
    announce: (stamp) => channel?.postMessage(stamp),
  };
}
