// The IndexedDB store the composer keeps its work in (the composition, its files' contents and an
// edit's base archive), shared by the modules that read and write it.

import { createStore } from 'idb-keyval';

export const db = createStore('layerpad', 'composer');
