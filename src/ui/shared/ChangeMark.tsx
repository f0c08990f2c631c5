// Added / modified / deleted: a colour AND an icon AND a word, so it reads without colour vision.

import type { ChangeKind } from '../../core/fs/tree-node.ts';

const LOOK: Record<ChangeKind, { icon: string; text: string }> = {
  added: { icon: '+', text: 'added' },
  modified: { icon: '~', text: 'modified' },
  deleted: { icon: '−', text: 'deleted' },
};

export function ChangeMark({ kind, compact }: { kind: ChangeKind; compact?: boolean }) {
  const { icon, text } = LOOK[kind];
  return (
    <span className={`change-mark change-${kind}`} title={text}>
      <span aria-hidden="true">{icon}</span>
      {compact ? <span className="visually-hidden">{text}</span> : <span className="change-text">{text}</span>}
    </span>
  );
}
