// The merged tree crosses from the inspection worker to the page in pages, not as one message: a
// 100 000-entry tree is megabytes of structured clone, and one message of it is one long task on
// the page. The worker keeps the tree flattened (depth-first, each node with its depth, no
// children); the page asks for pages of rows and a TreeAssembler puts the nodes back together as
// they arrive, a page per task.

import type { FsTreeNode } from '../fs/tree-node.ts';

/** Rows per page: a few hundred KiB of structured clone, a few milliseconds on the page. */
export const TREE_PAGE_ROWS = 5000;

export interface TreeRow {
  node: Omit<FsTreeNode, 'children'>;
  depth: number;
  /** A folder (children arrive in the rows after it, one level deeper). */
  folder: boolean;
}

export function flattenTree(nodes: FsTreeNode[]): TreeRow[] {
  const rows: TreeRow[] = [];
  const walk = (list: FsTreeNode[], depth: number) => {
    for (const { children, ...node } of list) {
      rows.push({ node, depth, folder: children !== undefined });
      if (children) walk(children, depth + 1);
    }
  };
  walk(nodes, 0);
  return rows;
}

/** Rebuilds the tree from consecutive pages of flattenTree's rows. */
export class TreeAssembler {
  readonly roots: FsTreeNode[] = [];
  /** The children list at each depth of the path to the last folder. */
  private open: FsTreeNode[][] = [this.roots];

  add(rows: readonly TreeRow[]): void {
    for (const { node, depth, folder } of rows) {
      const siblings = this.open[depth];
      if (!siblings) throw new Error(`tree page out of order: a node at depth ${depth} under no folder`);
      const made: FsTreeNode = folder ? { ...node, children: [] } : { ...node };
      siblings.push(made);
      this.open.length = depth + 1;
      if (made.children) this.open.push(made.children);
    }
  }
}
