import { afterEach, describe, expect, it } from 'vitest';
import type { RemoteHelperHost } from './helper-host.ts';
import { hostedWorker } from './hosted-worker.ts';

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ports: MessagePort[] = [];
afterEach(() => ports.splice(0).forEach((port) => port.close()));

/** A host whose helper doubles each number it gets; the port arrives after `delayMs`, as over comlink. */
function doublingHost(delayMs: number) {
  const calls: string[] = [];
  const crashes: ((message: string) => void)[] = [];
  const host = {
    async start(id: number, name: string, onCrash: (message: string) => void) {
      calls.push(`start ${id} ${name}`);
      crashes.push(onCrash);
      await later(delayMs);
      const { port1, port2 } = new MessageChannel();
      ports.push(port1, port2);
      port2.addEventListener('message', (event) => port2.postMessage((event as MessageEvent<number>).data * 2));
      port2.start();
      return port1;
    },
    async stop(id: number) {
      calls.push(`stop ${id}`);
    },
  };
  return { host: host as unknown as RemoteHelperHost, calls, crash: (message: string) => crashes.forEach((c) => c(message)) };
}

describe('hostedWorker', () => {
  it('holds messages until the page has started the helper, then sends them in order', async () => {
    const { host, calls } = doublingHost(30);
    const worker = hostedWorker<number, number>(host, 'helper-a');
    const replies: number[] = [];
    worker.addEventListener('message', ({ data }) => replies.push(data));
    [1, 2, 3].forEach((n) => worker.postMessage(n));
    await later(80);
    worker.postMessage(4);
    await later(20);
    expect(replies).toEqual([2, 4, 6, 8]);
    worker.terminate();
    expect(calls.at(-1)).toMatch(/^stop \d+$/);
    expect(calls[0]).toMatch(/^start \d+ helper-a$/);
  });

  it('a helper stopped before it started sends nothing; a crash the page sees reaches the error listeners', async () => {
    const { host, calls, crash } = doublingHost(20);
    const early = hostedWorker<number, number>(host, 'early');
    const replies: number[] = [];
    early.addEventListener('message', ({ data }) => replies.push(data));
    early.postMessage(5);
    early.terminate();
    await later(50);
    expect(replies).toEqual([]);
    expect(calls.map((c) => c.split(' ')[0])).toEqual(['start', 'stop']);

    const errors: unknown[] = [];
    const other = hostedWorker<number, number>(host, 'other');
    other.addEventListener('error', ({ message }) => errors.push(message));
    crash('out of memory');
    expect(errors).toEqual(['out of memory']);
    other.terminate();
    await later(40); // its port arrives and is closed before afterEach closes the rest
  });
});
