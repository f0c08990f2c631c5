// Exposed ports: `8080`, `8080/tcp`, `53/udp` one per line; 1-65535, protocol tcp, udp or sctp.

import { meaningfulLines, type FieldProblem, type Parsed } from './problems.ts';

const PORT = /^(\d+)(?:\/([A-Za-z]+))?$/;
const PROTOCOLS = ['tcp', 'udp', 'sctp'];

/** Returns keys in config form (`8080/tcp`), in the order given, without duplicates. */
export function parsePorts(text: string): Parsed<string[]> {
  const problems: FieldProblem[] = [];
  const ports: string[] = [];
  for (const { line, text: raw } of meaningfulLines(text)) {
    const match = PORT.exec(raw);
    if (!match) {
      problems.push({ line, severity: 'error', message: `"${raw}" is not a port: write 8080, 8080/tcp or 53/udp` });
      continue;
    }
    const number = Number(match[1]);
    const protocol = (match[2] ?? 'tcp').toLowerCase();
    if (number < 1 || number > 65535) {
      problems.push({ line, severity: 'error', message: `port ${match[1]} is outside 1-65535` });
      continue;
    }
    if (!PROTOCOLS.includes(protocol)) {
      problems.push({ line, severity: 'error', message: `protocol "${match[2]}" must be tcp, udp or sctp` });
      continue;
    }
    const key = `${number}/${protocol}`;
    if (ports.includes(key)) problems.push({ line, severity: 'warning', message: `${key} is listed twice` });
    else ports.push(key);
  }
  return { value: ports, problems };
}
