// What a registry must send so that a page on another origin may use it (CORS): the request
// headers the client sends, the methods, and the response headers it must be able to read. The
// in-app help, the test registries' configs and the README all give exactly these.

export const CORS_METHODS = ['HEAD', 'GET', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE'];
export const CORS_REQUEST_HEADERS = ['Authorization', 'Content-Type', 'Content-Range', 'Range', 'Accept'];
export const CORS_EXPOSED_HEADERS = ['Docker-Content-Digest', 'Location', 'Range', 'WWW-Authenticate', 'OCI-Subject', 'Link', 'Docker-Upload-UUID', 'OCI-Chunk-Min-Length'];
