// Single-line config fields: volumes (one absolute path per line), working directory, stop
// signal, created time, and the user (with the /etc/passwd check a scratch image needs).

import { meaningfulLines, type FieldProblem, type Parsed } from './problems.ts';

export function parseVolumes(text: string): Parsed<string[]> {
  const problems: FieldProblem[] = [];
  const value: string[] = [];
  for (const { line, text: raw } of meaningfulLines(text)) {
    if (!raw.startsWith('/')) problems.push({ line, severity: 'error', message: `"${raw}" must be an absolute path like /data` });
    else if (!value.includes(raw)) value.push(raw);
  }
  return { value, problems };
}

export function parseWorkingDir(text: string): Parsed<string | undefined> {
  const value = text.trim();
  if (value === '') return { value: undefined, problems: [] };
  if (!value.startsWith('/')) return { value: undefined, problems: [{ severity: 'error', message: 'use an absolute path such as /app' }] };
  return { value, problems: [] };
}

/** Linux signal names as Docker's signal.ParseSignal knows them (the SIG prefix optional). */
const SIGNALS = new Set([
  'HUP', 'INT', 'QUIT', 'ILL', 'TRAP', 'ABRT', 'IOT', 'BUS', 'FPE', 'KILL', 'USR1', 'SEGV', 'USR2', 'PIPE', 'ALRM', 'TERM',
  'STKFLT', 'CHLD', 'CLD', 'CONT', 'STOP', 'TSTP', 'TTIN', 'TTOU', 'URG', 'XCPU', 'XFSZ', 'VTALRM', 'PROF', 'WINCH', 'IO',
  'POLL', 'PWR', 'SYS', 'UNUSED', 'RTMIN', 'RTMAX',
]);
const REALTIME = /^RT(MIN\+([1-9]|1[0-5])|MAX-([1-9]|1[0-4]))$/;

export function parseStopSignal(text: string): Parsed<string | undefined> {
  const value = text.trim();
  if (value === '') return { value: undefined, problems: [] };
  if (/^\d+$/.test(value)) {
    const n = Number(value);
    if (n >= 1 && n <= 64) return { value, problems: [] };
    return { value: undefined, problems: [{ severity: 'error', message: `signal ${value} does not exist: Linux signals are 1 to 64` }] };
  }
  const name = value.replace(/^SIG/, '');
  if (SIGNALS.has(name) || REALTIME.test(name)) return { value, problems: [] };
  return { value: undefined, problems: [{ severity: 'error', message: `"${value}" is not a signal: write a name in capitals like SIGTERM, SIGINT or SIGQUIT, or a number like 15` }] };
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export function parseCreated(text: string): Parsed<string | undefined> {
  const value = text.trim();
  if (RFC3339.test(value) && !Number.isNaN(Date.parse(value))) return { value, problems: [] };
  return { value: undefined, problems: [{ severity: 'error', message: 'use RFC 3339, e.g. 1970-01-01T00:00:00Z' }] };
}

/** What the image's merged filesystem says about user databases. */
export interface UserContext {
  hasPasswd: boolean;
  hasGroup: boolean;
}

/** `User`: `uid`, `uid:gid`, `name`, `name:group`. Names need /etc/passwd (or /etc/group). */
export function parseUser(text: string, context: UserContext): Parsed<string | undefined> {
  const value = text.trim();
  if (value === '') return { value: undefined, problems: [] };
  const problems: FieldProblem[] = [];
  const [user, group, ...rest] = value.split(':');
  if (rest.length > 0 || user === '' || group === '') {
    return { value: undefined, problems: [{ severity: 'error', message: 'write user, user:group, uid or uid:gid' }] };
  }
  if (!/^\d+$/.test(user) && !context.hasPasswd) {
    problems.push({ severity: 'warning', message: `"${user}" is a name but the image has no /etc/passwd; the container will not start. Use a number such as 1000:1000.` });
  }
  if (group !== undefined && !/^\d+$/.test(group) && !context.hasGroup) {
    problems.push({ severity: 'warning', message: `group "${group}" is a name but the image has no /etc/group; use a number.` });
  }
  return { value, problems };
}
