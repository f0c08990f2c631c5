import { describe, expect, it } from 'vitest';
import { createHelperHost, helpersPerWorker, type HelpedWorker } from './helper-host.ts';

/** A stand-in for a module Worker the page starts: records what it got and can fail. */
function fakeWorker(name: string) {
  const errorListeners: ((event: ErrorEvent) => void)[] = [];
  const worker = {
    name,
    ports: [] as MessagePort[],
    terminated: false,
    addEventListener: (_type: 'error', listener: (event: ErrorEvent) => void) => void errorListeners.push(listener),
    postMessage: (port: MessagePort) => void worker.ports.push(port),
    terminate: () => void (worker.terminated = true),
    fail: (message: string) => errorListeners.forEach((listener) => listener({ message } as ErrorEvent)),
  };
  return worker;
}

function host() {
  const started: ReturnType<typeof fakeWorker>[] = [];
  const helpers = createHelperHost((name) => started[started.push(fakeWorker(name)) - 1] as unknown as Worker);
  return { helpers, started };
}

describe('createHelperHost', () => {
  it('starts a helper with one end of a channel and returns the other: what goes in one comes out of the other', async () => {
    const { helpers, started } = host();
    const port = helpers.start(1, 'piece-1', () => {});
    expect(started.map((w) => w.name)).toEqual(['piece-1']);
    const [inside] = started[0].ports;
    const got = new Promise((resolve) => inside.addEventListener('message', (event) => resolve((event as MessageEvent).data)));
    inside.start();
    port.postMessage('piece');
    expect(await got).toBe('piece');
    port.close();
    inside.close();
  });

  it('stops one helper by id, says when one fails, and refuses to start helpers once closed', () => {
    const { helpers, started } = host();
    const crashes: string[] = [];
    helpers.start(1, 'a', (message) => crashes.push(`a: ${message}`));
    helpers.start(2, 'b', (message) => crashes.push(`b: ${message}`));
    helpers.stop(1);
    expect(started.map((w) => w.terminated)).toEqual([true, false]);
    started[1].fail('out of memory');
    expect(crashes).toEqual(['b: out of memory']);
    expect(started[1].terminated).toBe(true);
    helpers.start(3, 'c', () => {});
    helpers.close();
    expect(started[2].terminated).toBe(true);
    expect(() => helpers.start(4, 'd', () => {})).toThrow('the worker these helpers served has stopped');
    started.flatMap((w) => w.ports).forEach((p) => p.close());
  });
});

describe('helpersPerWorker', () => {
  it('gives each new worker a host of its own and closes the last one when its worker dies', async () => {
    const started: ReturnType<typeof fakeWorker>[] = [];
    const perWorker = helpersPerWorker((name) => started[started.push(fakeWorker(name)) - 1] as unknown as Worker);
    const hosts: Parameters<HelpedWorker['useHelperHost']>[0][] = [];
    const worker: HelpedWorker = { useHelperHost: async (h) => void hosts.push(h) };
    perWorker.attach(worker);
    hosts[0].start(1, 'first', () => {});
    perWorker.attach(worker); // a restarted worker: the old host's helpers stop
    expect(started[0].terminated).toBe(true);
    hosts[1].start(1, 'second', () => {}); // the same id in the new worker is another helper
    perWorker.detach();
    expect(started[1].terminated).toBe(true);
    expect(() => hosts[0].start(2, 'late', () => {})).toThrow(/has stopped/);
    started.flatMap((w) => w.ports).forEach((p) => p.close());
  });
});
