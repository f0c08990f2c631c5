// The composition as the engine's ImageSpec, plus every field's problems keyed by field name.
// The build runs only when no field has an error, so a half-typed value never reaches the engine.
// When editing an image, the base image goes with the spec and the layers are the new ones only.

import type { ImageSpec } from '../../../core/build/spec.ts';
import type { ContainerConfig } from '../../../core/oci/types.ts';
import { parseImageReference } from '../../../core/oci/reference.ts';
import { parseCommand } from '../fields/command.ts';
import { parseEnv } from '../fields/env.ts';
import { parseKeyValues } from '../fields/key-values.ts';
import { parsePorts } from '../fields/ports.ts';
import type { FieldProblem } from '../fields/problems.ts';
import { parseCreated, parseStopSignal, parseUser, parseVolumes, parseWorkingDir } from '../fields/single-values.ts';
import type { Composition, ConfigDraft } from './composition.ts';
import { effectiveConfig, platformText, platformView } from './platforms.ts';
import { layerEntries, visibleAt } from './stack.ts';

export type FieldName = keyof ConfigDraft | 'created' | 'name' | 'platform';

export interface SpecResult {
  spec: ImageSpec;
  problems: Partial<Record<FieldName, FieldProblem[]>>;
  hasErrors: boolean;
}

const asSet = (keys: string[]) => (keys.length ? Object.fromEntries(keys.map((k) => [k, {}])) : undefined);
const nonEmpty = <T extends object>(o: T) => (Object.keys(o).length ? o : undefined);

/** One spec per platform, each with its problems; the build runs when none has an error. */
export function toImageSpecs(c: Composition): { platformId: string; result: SpecResult }[] {
  return c.platforms.map((p) => ({ platformId: p.id, result: toImageSpec(c, p.id) }));
}

/** The spec of one platform (the first when `platformId` is absent). */
export function toImageSpec(c: Composition, platformId?: string): SpecResult {
  const view = platformView(c, platformId);
  const platform = view.platform;
  const problems: SpecResult['problems'] = {};
  const take = <T>(field: FieldName, parsed: { value: T; problems: FieldProblem[] }): T => {
    if (parsed.problems.length) problems[field] = parsed.problems;
    return parsed.value;
  };
  const userContext = { hasPasswd: visibleAt(view, 'etc/passwd') !== undefined, hasGroup: visibleAt(view, 'etc/group') !== undefined };
  const d = effectiveConfig(c, platform);
  const config: ContainerConfig = {
    User: take('user', parseUser(d.user, userContext)),
    ExposedPorts: asSet(take('ports', parsePorts(d.ports))),
    Env: emptyToUndefined(take('env', parseEnv(d.env))),
    Entrypoint: take('entrypoint', parseCommand(d.entrypoint)),
    Cmd: take('cmd', parseCommand(d.cmd)),
    Volumes: asSet(take('volumes', parseVolumes(d.volumes))),
    WorkingDir: take('workingDir', parseWorkingDir(d.workingDir)),
    Labels: nonEmpty(take('labels', parseKeyValues(d.labels))),
    StopSignal: take('stopSignal', parseStopSignal(d.stopSignal)),
  };
  for (const key of Object.keys(config) as (keyof ContainerConfig)[]) if (config[key] === undefined) delete config[key];
  const created = take('created', parseCreated(c.created));
  const annotations = take('annotations', parseKeyValues(d.annotations));
  if (!platform.os.trim() || !platform.architecture.trim()) {
    problems.platform = [{ severity: 'error', message: 'os and architecture are required, e.g. linux / amd64' }];
  } else if (c.platforms.some((other) => other !== platform && platformText(other) === platformText(platform))) {
    problems.platform = [{ severity: 'error', message: `${platformText(platform)} is listed twice; each platform can have one image` }];
  }
  if (c.name.trim() !== '') {
    try {
      parseImageReference(c.name);
    } catch (error) {
      problems.name = [{ severity: 'error', message: (error as Error).message }];
    }
  }
  const spec: ImageSpec = {
    platform: {
      os: platform.os.trim(),
      architecture: platform.architecture.trim(),
      ...(platform.variant.trim() ? { variant: platform.variant.trim() } : {}),
    },
    config,
    created,
    ...(c.author.trim() ? { author: c.author.trim() } : {}),
    layers: view.layers.map((layer) => ({ kind: 'entries', entries: layerEntries(layer), createdBy: layer.createdBy })),
    ...(view.base?.loaded ? { base: view.base.loaded.image } : {}),
    ...(nonEmpty(annotations) ? { annotations } : {}),
    ...(c.name.trim() ? { name: c.name.trim() } : {}),
  };
  const hasErrors = Object.values(problems).some((list) => list?.some((p) => p.severity === 'error'));
  return { spec, problems, hasErrors };
}

function emptyToUndefined(list: string[]): string[] | undefined {
  return list.length ? list : undefined;
}
