import { describe, expect, it } from 'vitest';
import { jsonLines } from './json-lines.ts';
import { jsonKind, keyMeaning } from './json-keys.ts';

const text = (value: unknown) => jsonLines(value).map((l) => `${'  '.repeat(l.depth)}${l.key ? `${JSON.stringify(l.key.name)}: ` : ''}${l.token.text}${l.comma ? ',' : ''}`).join('\n');

describe('jsonLines', () => {
  it('prints what JSON.stringify(value, null, 2) prints', () => {
    const config = { architecture: 'amd64', config: { Env: ['A=1', 'B=2'], Labels: {} }, rootfs: { type: 'layers', diff_ids: [] }, n: 1, ok: true, none: null };
    expect(text(config)).toBe(JSON.stringify(config, null, 2));
    expect(text([1, [2, [3]]])).toBe(JSON.stringify([1, [2, [3]]], null, 2));
  });

  it('goes 100 000 levels deep without exhausting the stack', () => {
    let deep: unknown = 0;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(jsonLines(deep)).toHaveLength(200_001);
  });

  it('gives each key its path, array items as []', () => {
    const keys = jsonLines({ layers: [{ digest: 'x' }] }).flatMap((l) => (l.key ? [l.key.path.join('.')] : []));
    expect(keys).toEqual(['layers', 'layers.[].digest']);
  });
});

describe('keyMeaning', () => {
  it('knows a config key, a manifest layer digest and an index annotation, and falls back to descriptor fields', () => {
    expect(jsonKind({ rootfs: {} })).toBe('config');
    expect(keyMeaning('config', ['config', 'Env'])).toMatch(/Environment variables/);
    expect(keyMeaning('manifest', ['layers', '[]', 'digest'])).toMatch(/not the diff_id/);
    expect(keyMeaning('index', ['manifests', '[]', 'annotations', 'org.opencontainers.image.ref.name'])).toMatch(/tag/);
    expect(keyMeaning('other', ['x', 'mediaType'])).toMatch(/media type/);
    expect(keyMeaning('config', ['nothing-known'])).toBeUndefined();
  });
});
