// An edited image: a base image (opened from an archive) with its config changed by the composer's
// forms and the new layers on top. The base's layers stay the same Layer objects (their blobs are
// copied byte for byte on export), its history is kept and one entry per new layer appended, and
// every config field the forms do not own (Healthcheck, Shell, os.version, …) stays as it was.

import type { ContainerConfig, ImageConfig } from '../oci/types.ts';
import { appendLayers, withAnnotations, withConfig } from '../image/mutate.ts';
import type { Image, Layer } from '../image/model.ts';
import { containerConfig, FORM_KEYS, nonEmpty } from './runtime-config.ts';
import { EPOCH, type ImageSpec } from './spec.ts';

export async function editedImage(spec: ImageSpec, layers: readonly Layer[]): Promise<Image> {
  const base = spec.base;
  if (!base) throw new Error('editedImage: the spec has no base image');
  const created = spec.created ?? EPOCH;
  const configured = await withConfig(base, (config): ImageConfig => {
    const next: ImageConfig = {
      ...config,
      created,
      author: nonEmpty(spec.author),
      architecture: spec.platform.architecture,
      os: spec.platform.os,
      variant: nonEmpty(spec.platform.variant),
      config: runtimeWithForms(config.config, spec.config),
    };
    if (spec.platform['os.version'] !== undefined) next['os.version'] = nonEmpty(spec.platform['os.version']);
    if (spec.platform['os.features'] !== undefined) next['os.features'] = nonEmpty(spec.platform['os.features']);
    return next;
  });
  const appended = await appendLayers(
    configured,
    layers.map((layer, i) => ({
      layer,
      history: { created, created_by: nonEmpty(spec.layers[i]?.createdBy), comment: nonEmpty(spec.layers[i]?.comment) },
    })),
  );
  return withAnnotations(appended, nonEmpty(spec.annotations));
}

/** The base's runtime config with every form-owned key replaced by the form's value (or removed). */
function runtimeWithForms(base: ContainerConfig | undefined, forms: ContainerConfig): ContainerConfig | undefined {
  const kept = Object.fromEntries(Object.entries(base ?? {}).filter(([key]) => !(FORM_KEYS as readonly string[]).includes(key)));
  const set = Object.fromEntries(Object.entries(containerConfig(forms)).filter(([, value]) => value !== undefined));
  return nonEmpty({ ...kept, ...set } as ContainerConfig);
}
