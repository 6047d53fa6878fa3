// Builders of realistic Kubernetes objects with a seeded mix of secure and insecure settings
// (privileged, host namespaces, hostPath, missing securityContext, :latest, wildcard RBAC, plaintext
// secrets, allow-all NetworkPolicies) and about 3% schema mistakes (quoted integers and booleans), so
// both our rules and a schema validator have work to do.
// Copied with small changes from /work/shared/tools/lsp-bench/gen-manifests.mjs; keep the draw order
// unchanged, or the inputs (and every recorded figure) change.

const NAMESPACES = ['payments', 'frontend', 'data', 'monitoring', 'ingress', 'batch', 'auth', 'search'];
const APPS = ['api', 'web', 'worker', 'gateway', 'cache', 'indexer', 'billing', 'reports', 'notifier', 'scheduler', 'ledger', 'auth', 'metrics', 'uploader', 'thumbnailer', 'mailer'];
const IMAGES = [
  ['nginx', ['1.25.4', '1.27.0-alpine']],
  ['redis', ['7.2.4', '7.4-alpine']],
  ['postgres', ['16.2', '15.6-bookworm']],
  ['busybox', ['1.36.1']],
  ['registry.example.com/platform/api', ['v2.14.0', 'v2.15.1']],
  ['ghcr.io/acme/worker', ['3.1.0', '3.2.0-rc1']],
  ['quay.io/prometheus/node-exporter', ['v1.8.1']],
  ['docker.io/library/python', ['3.12-slim']],
  ['public.ecr.aws/acme/ledger', ['2024.05.1']],
];

function image(r) {
  const [repo, tags] = r.pick(IMAGES);
  const how = r.weighted([['latest', 25], ['none', 10], ['tag', 50], ['digest', 15]]);
  if (how === 'latest') return `${repo}:latest`;
  if (how === 'none') return repo;
  if (how === 'digest') {
    let hex = '';
    for (let i = 0; i < 64; i++) hex += '0123456789abcdef'[r.int(0, 15)];
    return `${repo}@sha256:${hex}`;
  }
  return `${repo}:${r.pick(tags)}`;
}

function container(r, name, ctx) {
  const c = { name, image: image(r) };
  if (r.chance(0.4)) c.imagePullPolicy = r.pick(['Always', 'IfNotPresent']);
  if (r.chance(0.3)) c.args = [`--port=${8080 + r.int(0, 9)}`, `--log-level=${r.pick(['info', 'debug', 'warn'])}`];
  if (r.chance(0.8)) {
    const port = r.pick([80, 443, 8080, 8443, 9090, 5432, 6379, 3000]);
    c.ports = [{ name: r.pick(['http', 'https', 'metrics', 'grpc']), containerPort: ctx.mistake() ? String(port) : port, protocol: 'TCP' }];
  }
  if (r.chance(0.6)) {
    c.env = [
      { name: 'LOG_FORMAT', value: 'json' },
      { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
    ];
    if (r.chance(0.3)) c.env.push({ name: 'DB_PASSWORD', value: 'hunter2' }); // plaintext secret
    else if (r.chance(0.5)) c.env.push({ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: `${name}-db`, key: 'password' } } });
  }
  const res = r.weighted([['none', 30], ['requests', 25], ['both', 45]]);
  if (res !== 'none') {
    c.resources = { requests: { cpu: `${r.pick([50, 100, 250, 500])}m`, memory: `${r.pick([64, 128, 256, 512])}Mi` } };
    if (res === 'both') c.resources.limits = { cpu: `${r.pick([500, 1000, 2000])}m`, memory: `${r.pick([256, 512, 1024])}Mi` };
  }
  if (r.chance(0.5)) {
    c.livenessProbe = { httpGet: { path: '/healthz', port: 8080 }, initialDelaySeconds: r.int(3, 30), periodSeconds: r.pick([10, 15, 30]) };
    c.readinessProbe = { httpGet: { path: '/ready', port: 8080 }, periodSeconds: 5, failureThreshold: 3 };
  }
  const sc = r.weighted([['missing', 30], ['insecure', 20], ['partial', 20], ['hardened', 30]]);
  if (sc === 'insecure') {
    c.securityContext = { privileged: true, allowPrivilegeEscalation: true, runAsUser: 0 };
    if (r.chance(0.5)) c.securityContext.capabilities = { add: r.pick([['NET_ADMIN'], ['SYS_ADMIN'], ['NET_ADMIN', 'SYS_PTRACE']]) };
    if (r.chance(0.3)) c.securityContext.readOnlyRootFilesystem = false;
  } else if (sc === 'partial') {
    c.securityContext = { runAsNonRoot: ctx.mistake() ? 'true' : true };
    if (r.chance(0.5)) c.securityContext.allowPrivilegeEscalation = r.chance(0.5);
  } else if (sc === 'hardened') {
    c.securityContext = {
      runAsNonRoot: true,
      runAsUser: 10001,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    };
  }
  if (ctx.volumes.length) c.volumeMounts = ctx.volumes.map((v) => ({ name: v.name, mountPath: v.mountPath, readOnly: r.chance(0.5) }));
  return c;
}

function podSpec(r, app, ctx) {
  ctx.volumes = [];
  const vols = [];
  if (r.chance(0.35)) {
    vols.push({ name: 'config', configMap: { name: `${app}-config` } });
    ctx.volumes.push({ name: 'config', mountPath: '/etc/app' });
  }
  if (r.chance(0.12)) {
    const hp = r.pick(['/var/run/docker.sock', '/', '/var/log', '/etc']);
    vols.push({ name: 'host', hostPath: { path: hp, type: hp.endsWith('.sock') ? 'Socket' : 'Directory' } });
    ctx.volumes.push({ name: 'host', mountPath: '/host' });
  }
  if (r.chance(0.25)) {
    vols.push({ name: 'tmp', emptyDir: {} });
    ctx.volumes.push({ name: 'tmp', mountPath: '/tmp' });
  }
  const spec = {};
  if (r.chance(0.7)) spec.serviceAccountName = r.chance(0.2) ? 'default' : app;
  if (r.chance(0.3)) spec.automountServiceAccountToken = false;
  if (r.chance(0.1)) spec.hostNetwork = true;
  if (r.chance(0.05)) spec.hostPID = true;
  if (r.chance(0.03)) spec.hostIPC = true;
  if (r.chance(0.4)) spec.securityContext = { runAsNonRoot: true, fsGroup: 2000, seccompProfile: { type: 'RuntimeDefault' } };
  if (r.chance(0.2)) spec.nodeSelector = { 'kubernetes.io/os': 'linux' };
  if (r.chance(0.15)) spec.tolerations = [{ key: 'dedicated', operator: 'Equal', value: app, effect: 'NoSchedule' }];
  if (r.chance(0.2)) spec.initContainers = [container(r, 'init', { ...ctx, volumes: [] })];
  spec.containers = [container(r, app, ctx)];
  if (r.chance(0.25)) spec.containers.push(container(r, r.pick(['sidecar', 'proxy', 'log-shipper']), { ...ctx, volumes: [] }));
  if (r.chance(0.2)) spec.terminationGracePeriodSeconds = r.pick([10, 30, 60]);
  if (vols.length) spec.volumes = vols;
  return spec;
}

function meta(r, name, ns, app) {
  const m = { name, namespace: ns, labels: { 'app.kubernetes.io/name': app, 'app.kubernetes.io/part-of': 'shop' } };
  if (r.chance(0.2)) m.annotations = { owner: `team-${r.pick(['core', 'data', 'edge'])}` };
  return m;
}

function workload(r, kind, i, ctx) {
  const app = r.pick(APPS);
  const name = `${app}-${i}`;
  const ns = r.pick(NAMESPACES);
  const labels = { 'app.kubernetes.io/name': app, 'app.kubernetes.io/instance': name };
  const template = { metadata: { labels }, spec: podSpec(r, app, ctx) };
  if (kind === 'CronJob') {
    template.spec.restartPolicy = r.pick(['OnFailure', 'Never']);
    return {
      apiVersion: 'batch/v1',
      kind,
      metadata: meta(r, name, ns, app),
      spec: {
        schedule: r.pick(['*/5 * * * *', '0 3 * * *', '30 1 * * 0', '@hourly']),
        concurrencyPolicy: r.pick(['Forbid', 'Allow', 'Replace']),
        successfulJobsHistoryLimit: r.int(1, 5),
        jobTemplate: { spec: { backoffLimit: r.int(0, 6), template } },
      },
    };
  }
  const spec = {};
  if (kind !== 'DaemonSet') spec.replicas = ctx.mistake() ? String(r.int(1, 5)) : r.int(1, 5);
  if (kind === 'StatefulSet') spec.serviceName = name;
  spec.selector = { matchLabels: labels };
  spec.template = template;
  if (kind === 'StatefulSet' && r.chance(0.6)) {
    spec.volumeClaimTemplates = [
      { metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: `${r.pick([1, 10, 50])}Gi` } } } },
    ];
  }
  if (kind === 'Deployment' && r.chance(0.4)) spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } };
  return { apiVersion: 'apps/v1', kind, metadata: meta(r, name, ns, app), spec };
}

function service(r, i) {
  const app = r.pick(APPS);
  const type = r.weighted([['ClusterIP', 70], ['NodePort', 15], ['LoadBalancer', 15]]);
  const port = r.pick([80, 443, 8080, 9090]);
  const p = { name: 'http', port, targetPort: r.chance(0.5) ? 'http' : 8080, protocol: 'TCP' };
  if (type === 'NodePort') p.nodePort = r.int(30000, 32767);
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(r, `${app}-${i}`, r.pick(NAMESPACES), app),
    spec: { type, selector: { 'app.kubernetes.io/name': app }, ports: [p] },
  };
}

function role(r, i, cluster) {
  const app = r.pick(APPS);
  const flavor = r.weighted([['wildcard', 25], ['secrets', 20], ['normal', 55]]);
  let rules;
  if (flavor === 'wildcard') rules = [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }];
  else if (flavor === 'secrets') rules = [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list', 'watch'] }];
  else
    rules = [
      { apiGroups: [''], resources: ['configmaps', 'pods'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['apps'], resources: ['deployments'], verbs: r.chance(0.3) ? ['get', 'patch', 'update'] : ['get'] },
    ];
  const metadata = { name: `${app}-${cluster ? 'cluster-' : ''}role-${i}` };
  if (!cluster) metadata.namespace = r.pick(NAMESPACES);
  return { apiVersion: 'rbac.authorization.k8s.io/v1', kind: cluster ? 'ClusterRole' : 'Role', metadata, rules };
}

function roleBinding(r, i) {
  const app = r.pick(APPS);
  const ns = r.pick(NAMESPACES);
  const subject = r.weighted([
    [{ kind: 'ServiceAccount', name: app, namespace: ns }, 70],
    [{ kind: 'ServiceAccount', name: 'default', namespace: ns }, 15],
    [{ kind: 'Group', name: 'system:authenticated', apiGroup: 'rbac.authorization.k8s.io' }, 15],
  ]);
  const toCluster = r.chance(0.3);
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: `${app}-binding-${i}`, namespace: ns },
    subjects: [subject],
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: toCluster ? 'ClusterRole' : 'Role', name: toCluster ? r.pick(['cluster-admin', 'edit', 'view']) : `${app}-role-${i}` },
  };
}

function networkPolicy(r, i) {
  const app = r.pick(APPS);
  const ns = r.pick(NAMESPACES);
  const flavor = r.weighted([['deny-all', 35], ['allow-ns', 40], ['allow-all', 25]]);
  const metadata = { name: `${app}-netpol-${i}`, namespace: ns };
  if (flavor === 'deny-all') return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata, spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] } };
  if (flavor === 'allow-all')
    return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata, spec: { podSelector: { matchLabels: { 'app.kubernetes.io/name': app } }, ingress: [{}], policyTypes: ['Ingress'] } };
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata,
    spec: {
      podSelector: { matchLabels: { 'app.kubernetes.io/name': app } },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': r.pick(NAMESPACES) } } }],
          ports: [{ protocol: 'TCP', port: r.pick([80, 8080, 9090]) }],
        },
      ],
    },
  };
}

const KINDS = [
  ['Deployment', 30],
  ['StatefulSet', 8],
  ['DaemonSet', 5],
  ['CronJob', 7],
  ['Service', 20],
  ['Role', 8],
  ['ClusterRole', 3],
  ['RoleBinding', 9],
  ['NetworkPolicy', 10],
];

export function document(r, i, ctx) {
  const kind = r.weighted(KINDS);
  switch (kind) {
    case 'Service':
      return service(r, i);
    case 'Role':
      return role(r, i, false);
    case 'ClusterRole':
      return role(r, i, true);
    case 'RoleBinding':
      return roleBinding(r, i);
    case 'NetworkPolicy':
      return networkPolicy(r, i);
    default:
      return workload(r, kind, i, ctx);
  }
}

