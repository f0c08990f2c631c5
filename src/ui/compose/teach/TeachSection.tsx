// Below the composer: how the image being built is put together, and why its digests are what
// they are: the digest chain of the last edit, the structure diagram, and the commands that
// check it all with standard tools.

import { ComposedDiagram } from './ComposedDiagram.tsx';
import { DigestChain } from './DigestChain.tsx';
import { ComposedDiy } from './ComposedDiy.tsx';
import './teach.css';

export function TeachSection() {
  return (
    <div className="teach-section">
      <DigestChain />
      <ComposedDiagram />
      <ComposedDiy />
    </div>
  );
}
