/**
 * Sets the service up through the HTTP API only: AGENTS support agents, all members of the shared
 * "Support" channel, each signed in; a pool of session requests in "Support", opened by their end user.
 */
import { performance } from 'node:perf_hooks';
import { ADMIN } from './constants';
import type { PoolRequest } from './driver';
import { api, feedHead, httpCall } from './http';
import { log } from './log';
import { mapLimit } from './map-limit';
import type { Options } from './options';
import { procStatus, type ProcStatus } from './proc';
import type { Service } from './service-process';
import { fmt } from './stats';

const AGENT_PASSWORD = 'bench agent password';
/** The service allows 20 sign-ins per minute per address (server/services/rate-limits.ts). */
const SIGN_INS_PER_ADDRESS = 20;

export interface Setup {
  readonly adminToken: string;
  /** An access token per agent, for its stream (the accounts' tokens, round robin). */
  readonly tokens: readonly string[];
  readonly pool: PoolRequest[];
  /** The newest committed seq once set up: the streams serve the changes after it. */
  readonly head: number;
  /** The service's memory once set up. */
  readonly rss: ProcStatus | null;
}

export async function setUp(service: Service, options: Options): Promise<Setup> {
  const url = service.url;
  const started = performance.now();
  const admin = await api<{ accessToken: string }>('POST', url, '/auth/login', 200, { body: ADMIN });
  const adminToken = admin.accessToken;
  const supportId = await supportChannelId(url, adminToken);

  // By default every agent is a real account with one stream, as 1,000 people at their desks would be: the
  // service keeps one subscriber per stream either way, but only this is literally 1,000 agents. The cost is
  // the set-up: creating an account and signing in each take an scrypt hash at the service (32 MiB, ~0.1 s
  // of CPU, more on a busy machine), so 1,000 agents take about 2 minutes on 2 quiet cores (5 on busy ones)
  // before anything is measured. --accounts N spreads the streams over N accounts instead (streams per account = agents / N),
  // for quicker runs; the fan-out the service does is the same. Four hashes at a time: libuv's thread pool.
  log(`creating ${options.accounts} agent accounts, members of "Support"…`);
  const accountIndexes = Array.from({ length: options.accounts }, (_, i) => i);
  await mapLimit(accountIndexes, 4, (i) => createAgent(url, adminToken, supportId, i));

  // The sign-in limit is 20 per minute per client address. Rather than wait 50 minutes or loosen the
  // service, each agent signs in from its own slice of loopback: agents 0–19 from 127.0.0.2, 20–39 from
  // 127.0.0.3, … (Linux routes all of 127.0.0.0/8 to the loopback interface). The limit stays in force.
  log(`signing ${options.accounts} agents in, ${SIGN_INS_PER_ADDRESS} per loopback address…`);
  const accountTokens = await mapLimit(accountIndexes, 4, (i) => signInAgent(url, i));
  const tokens = Array.from({ length: options.agents }, (_, i) => accountTokens[i % options.accounts]!);

  log(`creating ${options.pool} session requests and opening their links…`);
  const poolIndexes = Array.from({ length: options.pool }, (_, i) => i);
  const pool = await mapLimit(poolIndexes, 8, (i) => createOpenedRequest(url, adminToken, supportId, i));

  const head = await feedHead(url);
  const rss = procStatus(service.pid);
  log(
    `set up in ${fmt((performance.now() - started) / 1000, 1)} s; feed head ${head}; ` +
      `RSS ${fmt(rss?.rssMb ?? NaN)} MB (peak so far ${fmt(rss?.hwmMb ?? NaN)} MB, the sign-ins' scrypt)`,
  );
  return { adminToken, tokens, pool, head, rss };
}

/** The shared "Support" channel, every agent's and every request's. */
async function supportChannelId(url: string, adminToken: string): Promise<string> {
  const { channels } = await api<{ channels: { id: string; name: string; kind: string }[] }>(
    'GET',
    url,
    '/channels',
    200,
    { token: adminToken },
  );
  const support = channels.find((c) => c.kind === 'shared' && c.name === 'Support');
  if (!support) throw new Error('the service has no shared "Support" channel');
  return support.id;
}

/** Agent `i`'s account, a member of "Support". */
async function createAgent(url: string, adminToken: string, supportId: string, i: number): Promise<void> {
  const agent = await api<{ id: string }>('POST', url, '/agents', 201, {
    token: adminToken,
    body: {
      email: `bench-agent-${i}@example.com`,
      name: `Bench Agent ${i}`,
      roles: ['support_agent'],
      password: AGENT_PASSWORD,
    },
  });
  await api('PUT', url, `/channels/${supportId}/members/${agent.id}`, 200, {
    token: adminToken,
    body: { canRelease: false },
  });
}

/** Agent `i` signs in from its loopback address; its access token. */
async function signInAgent(url: string, i: number): Promise<string> {
  const address = Math.floor(i / SIGN_INS_PER_ADDRESS) + 2;
  if (address > 254) throw new Error('more accounts than loopback addresses 127.0.0.2–254 allow (5,060)');
  const login = await api<{ accessToken: string }>('POST', url, '/auth/login', 200, {
    body: { email: `bench-agent-${i}@example.com`, password: AGENT_PASSWORD },
    localAddress: `127.0.0.${address}`,
  });
  return login.accessToken;
}

/** Session request `i` in "Support", assigned to the admin, and its link opened by the end user. */
async function createOpenedRequest(
  url: string,
  adminToken: string,
  supportId: string,
  i: number,
): Promise<PoolRequest> {
  const created = await api<{ id: string; link: string; status: string }>('POST', url, '/requests', 201, {
    token: adminToken,
    body: { recipientName: `Bench user ${i}`, channelId: supportId, assignTo: { type: 'myself' } },
  });
  const token = created.link.slice(created.link.lastIndexOf('/') + 1);
  const opened = await httpCall('GET', `${url}/j/${token}`);
  if (opened.status !== 200) throw new Error(`GET /j/<token>: HTTP ${opened.status}`);
  return { id: created.id, token, consent: 'pending' };
}
