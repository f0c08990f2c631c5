import { describe, expect, it } from 'vitest';
import { CONFIG_SHAPE, MANIFEST_SHAPE, canonicalJson } from './json.ts';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('canonicalJson', () => {
  it('orders struct fields as the spec declares them, whatever the insertion order', () => {
    const a = { layers: [], config: { size: 2, digest: 'sha256:x', mediaType: 'm' }, mediaType: 't', schemaVersion: 2 };
    expect(text(canonicalJson(a, MANIFEST_SHAPE))).toBe(
      '{"schemaVersion":2,"mediaType":"t","config":{"mediaType":"m","digest":"sha256:x","size":2},"layers":[]}',
    );
  });

  it('sorts map keys by UTF-8 bytes, including inside known structs', () => {
    const config = {
      os: 'linux',
      architecture: 'amd64',
      config: { Labels: { b: '1', a: '2', 'é': '3', Z: '4' }, ExposedPorts: { '8080/tcp': {}, '53/udp': {} }, User: '0' },
    };
    expect(text(canonicalJson(config, CONFIG_SHAPE))).toBe(
      '{"architecture":"amd64","os":"linux","config":{"User":"0","ExposedPorts":{"53/udp":{},"8080/tcp":{}},' +
        '"Labels":{"Z":"4","a":"2","b":"1","é":"3"}}}',
    );
  });

  it('puts unknown fields after known ones, omits undefined, keeps no whitespace', () => {
    const out = text(canonicalJson({ zz: 1, schemaVersion: 2, skip: undefined, aa: [1, 'x', null, true] }, MANIFEST_SHAPE));
    expect(out).toBe('{"schemaVersion":2,"aa":[1,"x",null,true],"zz":1}');
  });

  it('refuses values JSON cannot hold, naming where', () => {
    expect(() => canonicalJson({ a: [1, Number.NaN] })).toThrow('$.a[1] is NaN');
    expect(() => canonicalJson({ f: () => 1 })).toThrow('$.f is a function');
  });
});
