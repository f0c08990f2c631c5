// Layer trees the way dive (wagoodman/dive, filetree/) builds them, so its efficiency score can be
// computed on the same shapes: one tree per layer tar, a whiteout kept as a node named `.wh.<name>`,
// an opaque marker (`.wh..wh..opq`) never added (only the folders on its way are), folders a tar
// does not list created with an empty payload (size 0, not a directory), and a later entry for the
// same path replacing the payload but keeping the children. Stacking (for the size a whiteout
// removes) follows dive's FileTree.Stack: whiteouts remove their target, everything else is added,
// visited children first in Go's byte order. Iterative throughout.

import type { FsEntry } from './entry.ts';
import { compareUtf8, OPAQUE_NAME, WHITEOUT_PREFIX } from '../tar/order.ts';

/** What dive keeps of a tar header: the header's size and whether it is a directory. */
export interface DiveInfo {
  size: number;
  isDir: boolean;
}

export interface DiveNode {
  name: string;
  info: DiveInfo;
  children: Map<string, DiveNode>;
}

const EMPTY: DiveInfo = { size: 0, isDir: false };
/** Dive skips adding any name with this prefix (the opaque marker and AUFS metadata). */
const DOUBLE_WHITEOUT = '.wh..wh..';

export const newDiveRoot = (): DiveNode => ({ name: '', info: EMPTY, children: new Map() });

export const isWhiteoutNode = (node: DiveNode): boolean => node.name.startsWith(WHITEOUT_PREFIX);

/** dive's AddPath: walk `segments`, creating missing nodes with an empty payload; the last one gets `info`. */
export function addPath(root: DiveNode, segments: readonly string[], info: DiveInfo): void {
  let node = root;
  for (let i = 0; i < segments.length; i++) {
    const name = segments[i];
    let child = node.children.get(name);
    if (!child) {
      if (name.startsWith(DOUBLE_WHITEOUT)) return;
      child = { name, info: EMPTY, children: new Map() };
      node.children.set(name, child);
    }
    if (i === segments.length - 1) child.info = info;
    node = child;
  }
}

export function getNode(root: DiveNode, segments: readonly string[]): DiveNode | undefined {
  let node: DiveNode | undefined = root;
  for (const name of segments) {
    node = node.children.get(name);
    if (!node) return undefined;
  }
  return node;
}

function removePath(root: DiveNode, segments: readonly string[]): void {
  if (segments.length === 0) return;
  const parent = getNode(root, segments.slice(0, -1));
  parent?.children.delete(segments[segments.length - 1]);
}

/** The tree dive makes of one layer's entries (in tar order). */
export function diveLayerTree(entries: readonly FsEntry[]): DiveNode {
  const root = newDiveRoot();
  for (const entry of entries) {
    const segments = entry.path === '' ? [] : entry.path.split('/');
    if (entry.type === 'opaque') addPath(root, [...segments, OPAQUE_NAME], EMPTY);
    else if (entry.type === 'whiteout') addPath(root, [...segments.slice(0, -1), WHITEOUT_PREFIX + segments[segments.length - 1]], EMPTY);
    else if (segments.length > 0) addPath(root, segments, { size: entry.size, isDir: entry.type === 'dir' });
  }
  return root;
}

/** A node and the names leading to it; a whiteout's own `.wh.` prefix is dropped, as dive's Path() does. */
export interface VisitedNode {
  node: DiveNode;
  segments: string[];
}

/**
 * dive's VisitDepthChildFirst: every node below the root, children before their parent, siblings
 * in byte order. `visit` returning false stops the walk (dive's visitor returning an error).
 */
export function visitChildFirst(root: DiveNode, visit: (visited: VisitedNode) => boolean): void {
  const sorted = (node: DiveNode) => [...node.children.values()].sort((a, b) => compareUtf8(a.name, b.name));
  const stack: { node: DiveNode; names: string[]; children: DiveNode[]; next: number }[] = [{ node: root, names: [], children: sorted(root), next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.next < top.children.length) {
      const child = top.children[top.next++];
      stack.push({ node: child, names: [...top.names, child.name], children: sorted(child), next: 0 });
      continue;
    }
    stack.pop();
    if (top.node === root) return;
    const segments = isWhiteoutNode(top.node) ? [...top.names.slice(0, -1), top.node.name.slice(WHITEOUT_PREFIX.length)] : top.names;
    if (!visit({ node: top.node, segments })) return;
  }
}

/** dive's FileTree.Stack: `upper` on top of `lower`, in place. */
export function stackOnto(lower: DiveNode, upper: DiveNode): void {
  visitChildFirst(upper, ({ node, segments }) => {
    if (isWhiteoutNode(node)) removePath(lower, segments);
    else addPath(lower, segments, node.info);
    return true;
  });
}

/** A deep copy (dive's FileTree.Copy), without recursion. */
export function copyTree(root: DiveNode): DiveNode {
  const copy = newDiveRoot();
  const stack: [DiveNode, DiveNode][] = [[root, copy]];
  while (stack.length > 0) {
    const [from, to] = stack.pop()!;
    for (const child of from.children.values()) {
      const made: DiveNode = { name: child.name, info: child.info, children: new Map() };
      to.children.set(child.name, made);
      stack.push([child, made]);
    }
  }
  return copy;
}

/** Sum of the sizes of `node` and everything below it. */
export function subtreeSize(node: DiveNode): number {
  let total = 0;
  const stack = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    total += n.info.size;
    for (const child of n.children.values()) stack.push(child);
  }
  return total;
}
