import { describe, expect, it } from 'vitest';
import { parseImageReference } from './reference.ts';

describe('parseImageReference', () => {
  it.each([
    ['app', 'docker.io/library/app', 'latest', 'app:latest'],
    ['app:1.0', 'docker.io/library/app', '1.0', 'app:1.0'],
    ['team/app', 'docker.io/team/app', 'latest', 'team/app:latest'],
    ['example.com/team/app:1.0', 'example.com/team/app', '1.0', 'example.com/team/app:1.0'],
    ['localhost:5000/app', 'localhost:5000/app', 'latest', 'localhost:5000/app:latest'],
    ['localhost/app:v_1', 'localhost/app', 'v_1', 'localhost/app:v_1'],
    ['docker.io/library/busybox:musl', 'docker.io/library/busybox', 'musl', 'busybox:musl'],
    ['[::1]:5000/a__b.c-d/e', '[::1]:5000/a__b.c-d/e', 'latest', '[::1]:5000/a__b.c-d/e:latest'],
  ])('%s', (input, repository, tag, familiar) => {
    expect(parseImageReference(input)).toEqual({ repository, tag, full: `${repository}:${tag}`, familiar });
  });

  it.each([
    ['', /empty/],
    ['App:1', /must be lowercase \("App"\)/],
    ['app:', /tag "" is invalid/],
    ['app:-x', /tag "-x" is invalid/],
    ['app@sha256:' + 'a'.repeat(64), /digest/],
    ['a//b', /"" is not a valid path component/],
    ['app_/x', /"app_" is not a valid path component/],
    ['exa_mple.com/app', /"exa_mple.com" is not a valid registry host/],
    ['example.com:x/app', /not a valid registry host/],
    ['example.com/', /repository path is empty/],
    ['a/' + 'b'.repeat(260), /longer than 255/],
  ])('rejects %j', (input, message) => {
    expect(() => parseImageReference(input)).toThrow(message);
  });
});
