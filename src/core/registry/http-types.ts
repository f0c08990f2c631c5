// What the registry client is given: a fetch function (the browser's, or Node's in tests, injected
// so core touches no global) and the person's credentials, which live only in memory.

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface Credentials {
  username: string;
  password: string;
}
