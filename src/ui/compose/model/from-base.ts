// A new composition that edits a base image: the base's layers below one empty layer of its own,
// and every config form filled from the base's config (the forms then write it back unchanged
// unless edited). The base's name is offered with a changed tag.

import type { OpenedBase } from '../../../core/edit/base.ts';
import { EPOCH } from '../../../core/build/spec.ts';
import { parseImageReference } from '../../../core/oci/reference.ts';
import type { ContainerConfig } from '../../../core/oci/types.ts';
import { parseCreated } from '../fields/single-values.ts';
import { defaultOutput, newLayer, type Composition, type ConfigDraft } from './composition.ts';

export function compositionFromBase(opened: OpenedBase): Composition {
  const config = opened.image.config.value;
  const created = config.created && parseCreated(config.created).problems.length === 0 ? config.created : EPOCH;
  return {
    name: editedName(opened.source.names),
    created,
    author: config.author ?? '',
    platform: { os: config.os ?? 'linux', architecture: config.architecture ?? 'amd64', variant: config.variant ?? '' },
    config: draftFromConfig(config.config ?? {}, opened.image.manifest.value.annotations),
    layers: [newLayer(`COPY . / # layer ${opened.layers.length + 1}`)],
    base: { source: opened.source, layers: opened.layers, loaded: { image: opened.image, entries: opened.entries } },
    output: defaultOutput(),
  };
}

/** The config as the forms show it; parsing the drafts gives the same values back. */
export function draftFromConfig(runtime: ContainerConfig, annotations: Record<string, string> | undefined): ConfigDraft {
  const command = (value: string[] | undefined) => (value && value.length > 0 ? JSON.stringify(value) : '');
  const keys = (value: Record<string, unknown> | undefined) => Object.keys(value ?? {}).join('\n');
  const pairs = (value: Record<string, string> | undefined) => Object.entries(value ?? {}).map(([k, v]) => `${k}=${v}`).join('\n');
  return {
    entrypoint: command(runtime.Entrypoint),
    cmd: command(runtime.Cmd),
    env: (runtime.Env ?? []).map(envLine).join('\n'),
    ports: keys(runtime.ExposedPorts),
    labels: pairs(runtime.Labels),
    volumes: keys(runtime.Volumes),
    workingDir: runtime.WorkingDir ?? '',
    user: runtime.User ?? '',
    stopSignal: runtime.StopSignal ?? '',
    annotations: pairs(annotations),
  };
}

/** `KEY=value`, quoted where the Environment field would otherwise read the value differently. */
function envLine(variable: string): string {
  const eq = variable.indexOf('=');
  if (eq < 0) return variable;
  const key = variable.slice(0, eq);
  const value = variable.slice(eq + 1);
  const plain = value === value.trim() && !/^["']/.test(value) && !/\s#/.test(value) && !value.includes('\n');
  if (plain || value.includes("'")) return `${key}=${value}`;
  return `${key}='${value}'`;
}

/** `busybox:1.36` becomes `busybox:1.36-edited`; an unnamed base gives `edited:latest`. */
export function editedName(names: readonly string[]): string {
  for (const name of names) {
    try {
      const reference = parseImageReference(name);
      const repository = reference.familiar.slice(0, -(reference.tag.length + 1));
      return `${repository}:${`${reference.tag}-edited`.slice(0, 128)}`;
    } catch {
      // not a reference we can tag; try the next name
    }
  }
  return 'edited:latest';
}
