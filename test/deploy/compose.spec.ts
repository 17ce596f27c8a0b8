import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { parse } from 'yaml';

const { parseConnectionString } = createRequire(import.meta.url)(
  '@eventstore/db-client/dist/Client/parseConnectionString.js',
) as {
  parseConnectionString(connectionString: string): {
    dnsDiscover: boolean;
    tls: boolean;
    hosts: Array<{ address: string; port: number }>;
  };
};

/**
 * No container engine runs here, so the deploy files are checked by reading them: the cluster wiring, the
 * API's connection string and start order, and that the Dockerfile starts a file the build produces.
 */
const root = join(import.meta.dirname, '..', '..');
const composeText = readFileSync(join(root, 'deploy', 'docker-compose.yml'), 'utf8');
const dockerfile = readFileSync(join(root, 'deploy', 'Dockerfile'), 'utf8');

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  environment?: Record<string, string> | string[];
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }> | string[];
  healthcheck?: { test: string[] | string };
}
const compose = parse(composeText, { merge: true }) as {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
};
const services = compose.services;

function env(service: Service): Record<string, string> {
  const raw = service.environment ?? {};
  if (!Array.isArray(raw)) return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, String(v)]));
  return Object.fromEntries(
    raw.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

const nodeNames = Object.keys(services).filter((name) =>
  services[name].image?.startsWith('eventstore/eventstore'),
);
const nodePort = (name: string) => env(services[name]).EVENTSTORE_NODE_PORT ?? '2113';

describe('deploy/docker-compose.yml', () => {
  it('runs three EventStoreDB nodes from one pinned official image', () => {
    expect(nodeNames).toHaveLength(3);
    const images = new Set(nodeNames.map((name) => services[name].image));
    expect(images.size).toBe(1);
    expect([...images][0]).toMatch(/^eventstore\/eventstore:2[34]\.\d+\.\d+-[a-z-]+$/);
  });

  it('gives every node the same cluster size, equal to the number of nodes, and no DNS discovery', () => {
    for (const name of nodeNames) {
      expect(env(services[name]).EVENTSTORE_CLUSTER_SIZE).toBe(String(nodeNames.length));
      expect(env(services[name]).EVENTSTORE_DISCOVER_VIA_DNS).toBe('false');
    }
  });

  it('seeds each node with the other two and makes it advertise its own service name', () => {
    for (const name of nodeNames) {
      const vars = env(services[name]);
      const seeds = vars.EVENTSTORE_GOSSIP_SEED.split(',').map((seed) => seed.trim());
      const others = nodeNames
        .filter((other) => other !== name)
        .map((other) => `${other}:${nodePort(other)}`);
      expect(seeds.sort()).toEqual(others.sort());
      expect(vars.EVENTSTORE_NODE_HOST_ADVERTISE_AS).toBe(name);
      expect(vars.EVENTSTORE_REPLICATION_HOST_ADVERTISE_AS).toBe(name);
      // The default 127.0.0.1 bindings would keep the nodes from reaching each other.
      expect(vars.EVENTSTORE_NODE_IP).toBe('0.0.0.0');
      expect(vars.EVENTSTORE_REPLICATION_IP).toBe('0.0.0.0');
      expect(vars.EVENTSTORE_RUN_PROJECTIONS).toBe('None');
    }
  });

  it('runs insecure mode only with the file saying it is for local use', () => {
    const insecure = nodeNames.filter((name) => env(services[name]).EVENTSTORE_INSECURE === 'true');
    expect(insecure).toEqual(nodeNames);
    expect(composeText).toMatch(/LOCAL USE ONLY/);
  });

  it('gives every node a health check and its own declared data volume', () => {
    const dataVolumes = nodeNames.map((name) => {
      expect(services[name].healthcheck?.test).toBeDefined();
      const data = (services[name].volumes ?? []).find((volume) => volume.endsWith(':/var/lib/eventstore'));
      expect(data).toBeDefined();
      return data!.split(':')[0];
    });
    expect(new Set(dataVolumes).size).toBe(nodeNames.length);
    for (const volume of dataVolumes) expect(Object.keys(compose.volumes ?? {})).toContain(volume);
  });

  describe('the api service', () => {
    const api = services.api;
    const vars = env(api);

    it('is built from deploy/Dockerfile with the repository as context', () => {
      expect(api.build).toEqual({ context: '..', dockerfile: 'deploy/Dockerfile' });
      expect(existsSync(join(root, 'deploy', api.build!.context, api.build!.dockerfile))).toBe(true);
    });

    it('names every node in EVENTSTORE_URL, without TLS exactly when the nodes are insecure', () => {
      // Parsed by the client's own parser, as the API will parse it.
      const options = parseConnectionString(vars.EVENTSTORE_URL);
      expect(options.dnsDiscover).toBe(false);
      const hosts = options.hosts.map((host) => `${host.address}:${host.port}`);
      expect(hosts.sort()).toEqual(nodeNames.map((name) => `${name}:${nodePort(name)}`).sort());
      expect(options.tls).toBe(false);
    });

    it('starts only after every node reports healthy', () => {
      const dependsOn = api.depends_on as Record<string, { condition: string }>;
      expect(Object.keys(dependsOn).sort()).toEqual([...nodeNames].sort());
      for (const name of nodeNames) expect(dependsOn[name].condition).toBe('service_healthy');
    });

    it('listens on all interfaces on the port it publishes', () => {
      expect(vars.HOST).toBe('0.0.0.0');
      expect(api.ports?.map((mapping) => mapping.split(':').at(-1))).toEqual([vars.PORT]);
    });
  });

  it('publishes no host port twice', () => {
    const hostPorts = Object.values(services).flatMap((service) =>
      (service.ports ?? []).map((mapping) => mapping.split(':').slice(0, -1).join(':')),
    );
    expect(hostPorts.length).toBeGreaterThan(0);
    expect(new Set(hostPorts).size).toBe(hostPorts.length);
  });
});

describe('deploy/Dockerfile', () => {
  it('builds on Node 20 with npm ci and starts a file the build produces from the sources', () => {
    expect(dockerfile).toMatch(/^FROM node:20[\w.-]* AS build$/m);
    expect(dockerfile).toMatch(/^RUN npm ci\b/m);
    const cmd = /^CMD \["node", "dist\/(.+)\.js"\]$/m.exec(dockerfile);
    expect(cmd).not.toBeNull();
    expect(existsSync(join(root, `${cmd![1]}.ts`))).toBe(true);
  });

  it('exposes the port the compose file publishes for the api', () => {
    expect(dockerfile).toMatch(new RegExp(`^EXPOSE ${env(services.api).PORT}$`, 'm'));
  });
});
