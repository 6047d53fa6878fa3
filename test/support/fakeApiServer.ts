/**
 * A loopback HTTPS server that answers the Kubernetes API endpoints KubeGuard (and kubectl, for the
 * cross-check) uses, in the real wire format: JSON bodies, `Status` objects for errors, 201 for created
 * reviews, plain-text 404 for unknown paths, TLS with the test CA, bearer tokens and client certificates.
 *
 * It computes nothing about RBAC: every answer comes verbatim from a hand-written scenario file in
 * test/fixtures/cluster/scenarios/ (the rules of a namespace, the access review answers, the identity).
 */
import { readFileSync } from 'node:fs';
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import { type AddressInfo, type Socket } from 'node:net';
import { type TLSSocket } from 'node:tls';
import { clusterFixture } from './clusterFixtures';

export interface HttpAnswer {
  readonly status: number;
  readonly body: unknown;
}

export interface Scenario {
  readonly description: string;
  /** Valid bearer tokens, and the CN of a valid client certificate; anything else is 401. */
  readonly credentials: { readonly tokens?: readonly string[]; readonly clientCertificateCN?: string };
  /** The SelfSubjectReview status; null when the server does not offer the API (404). */
  readonly selfSubjectReview: { readonly userInfo: unknown } | null;
  readonly namespaces: HttpAnswer;
  /** SelfSubjectRulesReview status per namespace; "*" answers every other namespace. */
  readonly rulesReviews: Readonly<Record<string, unknown>>;
  /** First match wins; a `when` field matches the request's attribute of the same name ("" when absent). */
  readonly accessReviews: readonly { readonly when: Readonly<Record<string, string>>; readonly status: unknown }[];
  /** Discovery documents replaced for this scenario: group version → file in discovery/. */
  readonly discovery?: Readonly<Record<string, string>>;
  /** Answer every authenticated request this late (the slow-server scenario). */
  readonly delayMs?: number;
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  /** How the request authenticated: `token`, `cert`, `anonymous`, or `rejected`. */
  readonly auth: string;
  readonly authorization?: string;
  readonly status: number;
}

export function loadScenario(name: string): Scenario {
  return JSON.parse(readFileSync(clusterFixture('scenarios', `${name}.json`), 'utf8')) as Scenario;
}

const DISCOVERY: Record<string, string> = {
  '/api': 'api.json',
  '/apis': 'apis.json',
  '/api/v1': 'api-v1.json',
  '/apis/authentication.k8s.io/v1': 'authentication-v1.json',
  '/apis/authorization.k8s.io/v1': 'authorization-v1.json',
};

function status(code: number, reason: string, message: string): HttpAnswer {
  return { status: code, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code } };
}

const NOT_FOUND = Symbol('404 page not found');

export class FakeApiServer {
  readonly requests: RecordedRequest[] = [];
  private inFlight = 0;
  private peak = 0;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    public scenario: Scenario,
  ) {}

  static async start(scenario: Scenario | string): Promise<FakeApiServer> {
    const pki = (f: string) => readFileSync(clusterFixture('pki', f));
    // requestCert without rejectUnauthorized: like kube-apiserver, a client without a certificate may
    // still authenticate with a token.
    const server = createServer({ key: pki('server.key'), cert: pki('server.crt'), ca: pki('ca.crt'), requestCert: true, rejectUnauthorized: false });
    const fake = new FakeApiServer(server, typeof scenario === 'string' ? loadScenario(scenario) : scenario);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => void fake.handle(req, res));
    server.on('connection', (s: Socket) => {
      fake.sockets.add(s);
      s.once('close', () => fake.sockets.delete(s));
    });
    // TLS failures on the client side surface here; they are the point of some tests, not errors.
    server.on('tlsClientError', () => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get url(): string {
    return `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The most requests this server was answering at once. */
  get peakInFlight(): number {
    return this.peak;
  }

  async stop(): Promise<void> {
    // Delayed answers would keep the server open: end their connections.
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private authenticate(req: IncomingMessage): { auth: string; user?: string } {
    const header = req.headers.authorization;
    const creds = this.scenario.credentials;
    if (header) {
      const token = /^Bearer (.+)$/.exec(header)?.[1];
      return token && creds.tokens?.includes(token) ? { auth: 'token', user: token } : { auth: 'rejected' };
    }
    const socket = req.socket as TLSSocket;
    if (socket.authorized) {
      const cn = socket.getPeerCertificate().subject?.CN;
      const name = Array.isArray(cn) ? cn[0] : cn;
      if (name && name === creds.clientCertificateCN) return { auth: 'cert', user: name };
      return { auth: 'rejected' };
    }
    return { auth: 'anonymous' };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.inFlight++;
    this.peak = Math.max(this.peak, this.inFlight);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const urlPath = new URL(req.url ?? '/', 'https://x').pathname.replace(/\/$/, '') || '/';
    const who = this.authenticate(req);
    let answer: HttpAnswer | typeof NOT_FOUND;
    if (urlPath === '/version') answer = { status: 200, body: this.json('discovery', 'version.json') };
    else if (who.auth === 'rejected') answer = status(401, 'Unauthorized', 'Unauthorized');
    else if (who.auth === 'anonymous') answer = status(403, 'Forbidden', `forbidden: User "system:anonymous" cannot get path "${urlPath}"`);
    else answer = this.route(req.method ?? 'GET', urlPath, chunks.length > 0 ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {});
    const delay = who.auth === 'token' || who.auth === 'cert' ? (this.scenario.delayMs ?? 0) : 0;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay).unref());
    const code = answer === NOT_FOUND ? 404 : answer.status;
    this.requests.push({ method: req.method ?? 'GET', path: urlPath, auth: who.auth, authorization: req.headers.authorization, status: code });
    if (!res.destroyed) {
      if (answer === NOT_FOUND) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
        res.end('404 page not found\n');
      } else {
        res.writeHead(answer.status, { 'Content-Type': 'application/json', 'Audit-Id': `kg-${this.requests.length}` });
        res.end(JSON.stringify(answer.body));
      }
    }
    this.inFlight--;
  }

  private json(...parts: string[]): unknown {
    return JSON.parse(readFileSync(clusterFixture(...parts), 'utf8'));
  }

  private route(method: string, urlPath: string, body: Record<string, unknown>): HttpAnswer | typeof NOT_FOUND {
    const s = this.scenario;
    if (method === 'GET' && urlPath in DISCOVERY) {
      const groupVersion = urlPath.replace(/^\/apis?\/?/, '') || urlPath;
      return { status: 200, body: this.json('discovery', s.discovery?.[groupVersion] ?? DISCOVERY[urlPath]!) };
    }
    if (method === 'GET' && urlPath === '/api/v1/namespaces') return s.namespaces;
    if (method !== 'POST') return NOT_FOUND;
    const spec = (body.spec ?? {}) as Record<string, unknown>;
    const created = (apiVersion: string, kind: string, st: unknown): HttpAnswer => ({
      status: 201,
      body: { kind, apiVersion, metadata: { creationTimestamp: null }, spec, status: st },
    });
    switch (urlPath) {
      case '/apis/authentication.k8s.io/v1/selfsubjectreviews':
        return s.selfSubjectReview === null ? NOT_FOUND : created('authentication.k8s.io/v1', 'SelfSubjectReview', s.selfSubjectReview);
      case '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews': {
        const ns = typeof spec.namespace === 'string' ? spec.namespace : '';
        const st = s.rulesReviews[ns] ?? s.rulesReviews['*'] ?? { resourceRules: [], nonResourceRules: [], incomplete: false };
        return created('authorization.k8s.io/v1', 'SelfSubjectRulesReview', st);
      }
      case '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews': {
        const attrs = { ...((spec.resourceAttributes ?? {}) as Record<string, string>), ...((spec.nonResourceAttributes ?? {}) as Record<string, string>) };
        const match = s.accessReviews.find((r) => Object.entries(r.when).every(([k, v]) => (attrs[k] ?? '') === v));
        return created('authorization.k8s.io/v1', 'SelfSubjectAccessReview', match?.status ?? { allowed: false });
      }
      default:
        return NOT_FOUND;
    }
  }
}
