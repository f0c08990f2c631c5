// A helper the page thread started (helper-host.ts), as the worker that uses it sees it: a
// Worker-like object whose messages go over the helper's MessagePort (held until the port
// arrives), whose failures arrive as "error" events, and whose terminate asks the page to stop it.

import * as Comlink from 'comlink';
import type { RemoteHelperHost } from './helper-host.ts';

type MessageListener<Reply> = (event: { data: Reply }) => void;
type ErrorListener = (event: { message?: unknown }) => void;

export interface HostedWorker<Request, Reply> {
  postMessage(message: Request, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: MessageListener<Reply>): void;
  addEventListener(type: 'error' | 'messageerror', listener: ErrorListener): void;
  terminate(): void;
}

let nextId = 0;

export function hostedWorker<Request, Reply>(host: RemoteHelperHost, name: string): HostedWorker<Request, Reply> {
  const id = ++nextId;
  const onMessage: MessageListener<Reply>[] = [];
  const onError = { error: [] as ErrorListener[], messageerror: [] as ErrorListener[] };
  const fail = (type: keyof typeof onError, message?: string) => onError[type].forEach((listener) => listener({ message }));
  let port: MessagePort | undefined;
  let held: [Request, Transferable[]][] | null = [];
  host.start(id, name, Comlink.proxy((message: string) => fail('error', message))).then(
    (connected) => {
      if (!held) return connected.close();
      port = connected;
      port.addEventListener('message', (event) => onMessage.forEach((listener) => listener({ data: event.data })));
      port.addEventListener('messageerror', () => fail('messageerror'));
      port.start();
      for (const [message, transfer] of held) port.postMessage(message, transfer);
      held = [];
    },
    (error: unknown) => fail('error', `the page could not start it (${error instanceof Error ? error.message : String(error)})`),
  );
  return {
    postMessage(message, transfer = []) {
      if (port) port.postMessage(message, transfer);
      else held?.push([message, transfer]);
    },
    addEventListener(type: 'message' | keyof typeof onError, listener: (event: never) => void) {
      if (type === 'message') onMessage.push(listener as MessageListener<Reply>);
      else onError[type].push(listener as ErrorListener);
    },
    terminate() {
      held = null;
      port?.close();
      void host.stop(id);
    },
  };
}
