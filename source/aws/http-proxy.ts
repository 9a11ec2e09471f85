/**
 * Which proxy a request goes through, as curl and the AWS CLI decide it: HTTPS_PROXY for https
 * URLs, HTTP_PROXY for http ones, either case, and NO_PROXY's hosts (and `*`) go direct. The
 * rules are proxy-from-env's, the reading most Node HTTP clients share, rather than ours.
 *
 * The agents are the maintained https-proxy-agent (CONNECT tunnel, TLS to AWS end to end) and
 * http-proxy-agent (absolute-URI requests, for an http:// --endpoint-url such as the simulator).
 */
import {Agent as HttpAgent} from 'node:http';
import {Agent as HttpsAgent} from 'node:https';
import {HttpProxyAgent} from 'http-proxy-agent';
import type {ClientRequest} from 'node:http';
import {checkServerIdentity, type PeerCertificate} from 'node:tls';
import type {AgentConnectOpts} from 'agent-base';
import {HttpsProxyAgent} from 'https-proxy-agent';
import {getProxyForUrl} from 'proxy-from-env';

/** The two agents a request handler needs: one for http:// URLs, one for https:// URLs. */
export type Agents = {readonly http: HttpAgent; readonly https: HttpsAgent};

// What the SDK's own handler uses: keep connections, at most 50 per host.
const poolOptions = {keepAlive: true, maxSockets: 50};

/**
 * Every variable proxy-from-env may read for an http:// or https:// URL. Its answer depends on the
 * URL and these values alone, so an answer is reused while they read the same.
 */
const proxyVariables = [
	'no_proxy',
	'NO_PROXY',
	'http_proxy',
	'HTTP_PROXY',
	'https_proxy',
	'HTTPS_PROXY',
	'all_proxy',
	'ALL_PROXY',
] as const;

// By URL: a session's requests go to a few endpoints (one per AWS service), asked ~2,000 times
// by `--once`, where proxy-from-env's parsing of the URL and NO_PROXY was ~1% of the client's CPU.
const answers = new Map<string, {readonly environment: string; readonly proxy: string}>();
const answersKept = 64;

/**
 * The proxy for `url` ('' for none). The environment is read at each call, as curl does (a test
 * or an embedding program may set it between calls); only the parsing is skipped when nothing
 * it reads has changed.
 */
export function proxyFor(url: string): string {
	if (!url.startsWith('http://') && !url.startsWith('https://')) return getProxyForUrl(url);
	// Environment values cannot hold NUL, so joined with it they name one set of values.
	const environment = proxyVariables.map((name) => process.env[name] ?? '').join('\0');
	const known = answers.get(url);
	if (known?.environment === environment) return known.proxy;
	const proxy = getProxyForUrl(url);
	if (answers.size >= answersKept) answers.clear();
	answers.set(url, {environment, proxy});
	return proxy;
}

/** The proxy, if any, with its user and password left out: what a message or the log may name. */
export function displayProxy(proxy: string): string {
	try {
		const url = new URL(proxy);
		return `${url.protocol}//${url.host}`;
	} catch {
		return 'the proxy';
	}
}

/**
 * An HTTPS_PROXY tunnel whose TLS session with AWS trusts `ca`, and checks the certificate
 * against the host asked for. Both fill gaps in https-proxy-agent: the TLS inside the tunnel is
 * built from each request's options alone (the agent's `ca` reaches only the proxy connection),
 * and without the `host` option, which it leaves out, an endpoint given by IP address was checked
 * against `localhost`.
 */
class TunnelAgent extends HttpsProxyAgent<string> {
	constructor(
		proxy: string,
		private readonly ca: Buffer | undefined,
	) {
		super(proxy, {...poolOptions, ...(ca === undefined ? {} : {ca})});
	}

	override connect(request: ClientRequest, options: AgentConnectOpts) {
		const host = options.host ?? '';
		return super.connect(request, {
			...options,
			...(this.ca === undefined ? {} : {ca: this.ca}),
			checkServerIdentity: (_servername: string, certificate: PeerCertificate) =>
				checkServerIdentity(host, certificate),
		} as AgentConnectOpts);
	}
}

/**
 * Agents that go through `proxy`, or direct for ''. `ca`, when given, is what TLS to AWS trusts
 * (AWS_CA_BUNDLE, the profile's ca_bundle): a corporate proxy that inspects TLS signs with it.
 */
export function agentsFor(proxy: string, ca: Buffer | undefined): Agents {
	if (proxy === '')
		return {
			http: new HttpAgent(poolOptions),
			https: new HttpsAgent({...poolOptions, ...(ca === undefined ? {} : {ca})}),
		};
	return {
		http: new HttpProxyAgent(proxy, poolOptions),
		https: new TunnelAgent(proxy, ca) as unknown as HttpsAgent,
	};
}
