// The runtime part of a config (`config`: User, Env, Cmd, …) as Layerpad writes it: fields the
// composer's forms set, with empty ones left out, as docker and buildkit write them.

import type { ContainerConfig } from '../oci/types.ts';

/** The runtime keys the composer's forms own; a base image's other keys (Healthcheck, Shell, …) are kept. */
export const FORM_KEYS = ['User', 'ExposedPorts', 'Env', 'Entrypoint', 'Cmd', 'Volumes', 'WorkingDir', 'Labels', 'StopSignal'] as const;

export function containerConfig(config: ContainerConfig): ContainerConfig {
  return {
    User: nonEmpty(config.User),
    ExposedPorts: nonEmpty(config.ExposedPorts),
    Env: nonEmpty(config.Env),
    Entrypoint: nonEmpty(config.Entrypoint),
    Cmd: nonEmpty(config.Cmd),
    Volumes: nonEmpty(config.Volumes),
    WorkingDir: nonEmpty(config.WorkingDir),
    Labels: nonEmpty(config.Labels),
    StopSignal: nonEmpty(config.StopSignal),
    ArgsEscaped: config.ArgsEscaped || undefined,
  };
}

/** Undefined for empty strings, lists and objects, so they are left out of the JSON. */
export function nonEmpty<T>(value: T | undefined): T | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (Array.isArray(value) && value.length === 0) return undefined;
  if (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0) return undefined;
  return value;
}
