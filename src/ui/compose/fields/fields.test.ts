import { describe, expect, it } from 'vitest';
import { parseCommand } from './command.ts';
import { parseEnv } from './env.ts';
import { parsePorts } from './ports.ts';
import { parseKeyValues } from './key-values.ts';
import { parseCreated, parseStopSignal, parseUser, parseVolumes, parseWorkingDir } from './single-values.ts';
import { downloadBaseName, tarFileName, zipFileName } from './download-name.ts';

describe('parseCommand', () => {
  it('accepts a JSON array as is', () => {
    expect(parseCommand('["/bin/busybox","sh","-c"]').value).toEqual(['/bin/busybox', 'sh', '-c']);
  });
  it('splits shell words with quotes and escapes', () => {
    expect(parseCommand(`sh -c 'echo $HOME' "a \\"b\\"" c\\ d`).value).toEqual(['sh', '-c', 'echo $HOME', 'a "b"', 'c d']);
    expect(parseCommand(`''`).value).toEqual(['']);
  });
  it('treats empty as unset', () => {
    expect(parseCommand('   ')).toEqual({ value: undefined, problems: [] });
  });
  it('explains bad input', () => {
    expect(parseCommand('["a", 1]').problems[0].message).toMatch(/item 1/);
    expect(parseCommand('[oops').problems[0].message).toMatch(/not valid JSON/);
    expect(parseCommand(`echo 'hi`).problems[0].message).toMatch(/unclosed single quote/);
  });
});

describe('parseEnv', () => {
  it('reads a .env file', () => {
    const parsed = parseEnv('# comment\nexport A=1\nB="two words"\nC=\'x=y\'\nD=plain # trailing\n\nGREETING=hi');
    expect(parsed.value).toEqual(['A=1', 'B=two words', 'C=x=y', 'D=plain', 'GREETING=hi']);
    expect(parsed.problems).toEqual([]);
  });
  it('flags bad lines by number and keeps the good ones', () => {
    const parsed = parseEnv('GOOD=1\nno equals\n1BAD=x\nGOOD=2');
    expect(parsed.value).toEqual(['GOOD=2']);
    expect(parsed.problems.map((p) => [p.line, p.severity])).toEqual([[2, 'error'], [3, 'error'], [4, 'warning']]);
  });
});

describe('parsePorts', () => {
  it('normalises to port/protocol', () => {
    expect(parsePorts('8080\n8080/tcp\n53/UDP\n9/sctp').value).toEqual(['8080/tcp', '53/udp', '9/sctp']);
  });
  it('checks range and protocol', () => {
    const parsed = parsePorts('0\n65536\n80/http\nabc');
    expect(parsed.value).toEqual([]);
    expect(parsed.problems.map((p) => p.message)).toEqual([
      'port 0 is outside 1-65535',
      'port 65536 is outside 1-65535',
      'protocol "http" must be tcp, udp or sctp',
      '"abc" is not a port: write 8080, 8080/tcp or 53/udp',
    ]);
  });
});

describe('parseKeyValues', () => {
  it('keeps = inside values', () => {
    expect(parseKeyValues('a=b=c\norg.example.x = y').value).toEqual({ a: 'b=c', 'org.example.x': 'y' });
    expect(parseKeyValues('=x\nnope').problems).toHaveLength(2);
  });
});

describe('single values', () => {
  it('validates volumes, workdir, stop signal and created', () => {
    expect(parseVolumes('/data\nrel').problems[0].line).toBe(2);
    expect(parseWorkingDir('app').problems).toHaveLength(1);
    expect(parseWorkingDir('/app').value).toBe('/app');
    expect(parseStopSignal('SIGINT').value).toBe('SIGINT');
    expect(parseStopSignal('stop').problems).toHaveLength(1);
    expect(parseStopSignal('SIGFOO').problems[0].message).toMatch(/"SIGFOO" is not a signal/);
    expect(parseStopSignal('99').problems[0].message).toMatch(/1 to 64/);
    expect(['TERM', 'SIGRTMIN+3', '15', 'SIGQUIT'].map((v) => parseStopSignal(v).problems)).toEqual([[], [], [], []]);
    expect(parseCreated('1970-01-01T00:00:00Z').value).toBe('1970-01-01T00:00:00Z');
    expect(parseCreated('yesterday').value).toBeUndefined();
  });
  it('warns about user names without /etc/passwd', () => {
    expect(parseUser('1000:1000', { hasPasswd: false, hasGroup: false }).problems).toEqual([]);
    expect(parseUser('app', { hasPasswd: false, hasGroup: false }).problems[0].message).toMatch(/no \/etc\/passwd/);
    expect(parseUser('app:staff', { hasPasswd: true, hasGroup: false }).problems[0].message).toMatch(/no \/etc\/group/);
    expect(parseUser('a:b:c', { hasPasswd: true, hasGroup: true }).problems[0].severity).toBe('error');
  });
});

describe('download names', () => {
  it('follow the image name', () => {
    expect(zipFileName('app:1.0')).toBe('app-1.0.oci.zip');
    expect(tarFileName('example.com:5000/team/app:1.0')).toBe('app-1.0.tar');
    expect(downloadBaseName('app')).toBe('app-latest');
    expect(downloadBaseName('')).toBe('image');
  });
});
