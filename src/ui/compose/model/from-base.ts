// A new composition that edits a base image (one per platform of a multi-platform archive): the
// base's layers below one empty layer of its own, and every config form filled from the base's
// config (the forms then write it back unchanged unless edited). The base's name is offered with
// a changed tag.

import type { OpenedBase } from '../../../core/edit/base.ts';
import { EPOCH } from '../../../core/build/spec.ts';
import { parseImageReference } from '../../../core/oci/reference.ts';
import type { ContainerConfig } from '../../../core/oci/types.ts';
import { parseCreated } from '../fields/single-values.ts';
import { defaultOutput, newLayer, newPlatform, type Composition, type ConfigDraft, type PlatformDraft } from './composition.ts';

/**
 * A new composition editing `opened` (one base per platform): the first platform's config is the
 * shared one, and where another platform's config says otherwise, that becomes its override.
 */
export function compositionFromBases(opened: readonly OpenedBase[]): Composition {
  const [first] = opened;
  const config = first.image.config.value;
  const created = config.created && parseCreated(config.created).problems.length === 0 ? config.created : EPOCH;
  const drafts = opened.map((base) => draftFromConfig(base.image.config.value.config ?? {}, base.image.manifest.value.annotations));
  const kept = new Set(opened.map((base) => base.source.platform));
  const platforms = opened.map((base, i): PlatformDraft => {
    const c = base.image.config.value;
    const overrides = Object.fromEntries(Object.entries(drafts[i]).filter(([key, value]) => drafts[0][key as keyof ConfigDraft] !== value));
    const source = { ...base.source, otherPlatforms: base.source.otherPlatforms.filter((p) => !kept.has(p)) };
    return {
      ...newPlatform(c.os ?? 'linux', c.architecture ?? 'amd64', c.variant ?? ''),
      overrides,
      base: { source, layers: base.layers, loaded: { image: base.image, entries: base.entries } },
    };
  });
  return {
    name: editedName(first.source.names),
    created,
    author: config.author ?? '',
    platforms,
    config: drafts[0],
    layers: [newLayer(`COPY . / # layer ${first.layers.length + 1}`)],
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
