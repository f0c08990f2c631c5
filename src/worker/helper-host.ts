// The page thread starts the helpers of a worker's pools (compression helpers for the engine,
// hashing helpers for the inspector) and hands that worker a MessagePort to each. No worker
// here starts workers of its own: Firefox ESR has frozen a worker that did, never to answer or
// post again, in about one of 25 pooled builds on the lab page (bench/firefox-pool-loop.ts), right
// as it started or stopped its helpers. Messages still go straight from the worker to its helpers
// over their ports, never through the page.

import * as Comlink from 'comlink';

export interface HelperHost {
  /** Starts helper `id`; the port it listens on. `onCrash` is told if it fails to load or dies. */
  start(id: number, name: string, onCrash: (message: string) => void): MessagePort;
  stop(id: number): void;
}

/** The host as a worker holds it: passed with Comlink.proxy, each call answered asynchronously. */
export type RemoteHelperHost = Comlink.Remote<HelperHost & Comlink.ProxyMarked>;

export interface HelperHostHere extends HelperHost {
  /** Stops every helper and refuses to start more: the worker they served is gone. */
  close(): void;
}

/** The worker a host serves: it is told how to start its helpers. */
export interface HelpedWorker {
  useHelperHost(host: HelperHost & Comlink.ProxyMarked): Promise<void>;
}

export function createHelperHost(createWorker: (name: string) => Worker): HelperHostHere {
  const running = new Map<number, Worker>();
  let closed = false;
  const stop = (id: number) => {
    running.get(id)?.terminate();
    running.delete(id);
  };
  return {
    start(id, name, onCrash) {
      if (closed) throw new Error('the worker these helpers served has stopped');
      const worker = createWorker(name);
      running.set(id, worker);
      worker.addEventListener('error', (event) => {
        if (running.get(id) === worker) stop(id);
        onCrash(event.message || 'it failed to load or stopped');
      });
      const { port1, port2 } = new MessageChannel();
      worker.postMessage(port2, [port2]);
      return Comlink.transfer(port1, [port1]);
    },
    stop,
    close() {
      closed = true;
      for (const id of [...running.keys()]) stop(id);
    },
  };
}

/**
 * Helpers for a restartable worker (restartable.ts): `attach` gives each new worker a host of its
 * own (helper ids start again in a new worker), `detach` closes it when that worker dies.
 */
export function helpersPerWorker(createWorker: (name: string) => Worker): { attach: (remote: HelpedWorker) => void; detach: () => void } {
  let current: HelperHostHere | undefined;
  const detach = () => {
    current?.close();
    current = undefined;
  };
  return {
    attach(remote) {
      detach();
      current = createHelperHost(createWorker);
      remote.useHelperHost(Comlink.proxy(current)).catch((error: unknown) => console.warn('the worker could not take its helper host', error));
    },
    detach,
  };
}

/** In a helper: calls `serve` with the port its host posts first (createHelperHost). */
export function onHostPort(serve: (port: MessagePort) => void): void {
  self.addEventListener('message', (event) => serve((event as MessageEvent<MessagePort>).data), { once: true });
}
