/**
 * Network exposure on single objects (catalog group J): Services reachable from outside the cluster,
 * externalIPs, Ingresses without TLS, ingress-nginx snippet annotations, and admin UIs deployed as
 * workloads.
 */
import type { FixValue } from '../../fixes/intent';
import type { Rule } from '../rule';
import { parseImage } from './images';
import { entries, subject } from './podFacts';

/**
 * Annotations that make a cloud load balancer internal (reachable only from the VPC/VNet): AWS, Azure,
 * GKE (both spellings), Oracle, IBM, OpenStack. Their values say "internal" in one of these ways.
 */
const INTERNAL_LB: readonly { key: string; value: RegExp }[] = [
  { key: 'service.beta.kubernetes.io/aws-load-balancer-internal', value: /^(?!false$|0$).+/i },
  { key: 'service.beta.kubernetes.io/aws-load-balancer-scheme', value: /^internal$/i },
  { key: 'service.beta.kubernetes.io/azure-load-balancer-internal', value: /^true$/i },
  { key: 'networking.gke.io/load-balancer-type', value: /^internal$/i },
  { key: 'cloud.google.com/load-balancer-type', value: /^internal$/i },
  { key: 'service.beta.kubernetes.io/oci-load-balancer-internal', value: /^true$/i },
  { key: 'service.kubernetes.io/ibm-load-balancer-cloud-provider-ip-type', value: /^private$/i },
  { key: 'service.beta.kubernetes.io/openstack-internal-load-balancer', value: /^true$/i },
];

export const serviceExposed: Rule = {
  id: 'service-exposed',
  title: 'Service exposed outside the cluster',
  category: 'network',
  severity: 'information',
  enabledByDefault: true,
  description:
    'Flags Services of type NodePort, and of type LoadBalancer unless `loadBalancerSourceRanges` restricts the clients or a cloud annotation makes the load balancer internal (AWS, Azure, GKE, Oracle, IBM, OpenStack).',
  rationale:
    'A NodePort opens the port on every node of the cluster, bypassing whatever fronts the cluster; a public load balancer puts the pods on the internet. Both are sometimes the point, but they should be deliberate: an exposed admin or database port is a common way in.',
  remediation: 'Use type ClusterIP behind an Ingress or Gateway, restrict a LoadBalancer with loadBalancerSourceRanges or an internal annotation, or suppress the finding where public exposure is intended.',
  reads: ['Service.spec.type', 'Service.spec.loadBalancerSourceRanges', 'Service.metadata.annotations'],
  concepts: ['NET-SVC-EXPOSED'],
  peers: { 'kube-linter': 'exposed-services', 'kube-score': 'service-type', kubescape: 'C-0256' },
  defaultsNote: 'Information: exposing a Service is often the intent; the finding makes it visible rather than wrong.',
  appliesTo: ['Service'],
  check({ object, report }) {
    if (object.apiVersion !== 'v1') return;
    const type = object.value(['spec', 'type']);
    const span = object.valueSpan(['spec', 'type']);
    if (!span) return;
    if (type === 'NodePort') {
      report({ span, message: `Service ${object.name ?? '(unnamed)'} is of type NodePort: its ports open on every node of the cluster, to anything that can reach a node.` });
      return;
    }
    if (type !== 'LoadBalancer') return;
    if (entries(object, ['spec', 'loadBalancerSourceRanges']).length > 0) return;
    const annotations = object.stringMap(['metadata', 'annotations']);
    if (INTERNAL_LB.some((a) => a.value.test(annotations.get(a.key) ?? ''))) return;
    report({
      span,
      message: `Service ${object.name ?? '(unnamed)'} is of type LoadBalancer with no loadBalancerSourceRanges and no internal load-balancer annotation: it is reachable from outside the cluster, usually from the internet.`,
    });
  },
};

export const serviceExternalIps: Rule = {
  id: 'service-external-ips',
  title: 'Service with externalIPs',
  category: 'network',
  severity: 'warning',
  enabledByDefault: true,
  description: 'Flags Services that set `spec.externalIPs`.',
  rationale:
    'Every node routes traffic for the listed addresses to the Service, and anyone allowed to create Services can claim any IP this way and intercept traffic meant for it (CVE-2020-8554, unfixed in Kubernetes itself; clusters are advised to block externalIPs with admission policy). Legitimate uses are rare and better served by a LoadBalancer.',
  remediation: 'Remove spec.externalIPs and expose the Service through a LoadBalancer or an Ingress.',
  reads: ['Service.spec.externalIPs'],
  concepts: ['NET-SVC-EXTERNALIP'],
  peers: { trivy: 'KSV-0108' },
  fix: { title: 'Remove externalIPs', scope: 'object', safe: false, intents: [{ op: 'remove', path: ['spec', 'externalIPs'] }] },
  appliesTo: ['Service'],
  check({ object, report }) {
    if (object.apiVersion !== 'v1') return;
    const ips = entries(object, ['spec', 'externalIPs']).flatMap((e) => (typeof e.value === 'string' ? [e.value] : []));
    if (ips.length === 0) return;
    report({
      span: object.keySpan(['spec', 'externalIPs'])!,
      message: `Service ${object.name ?? '(unnamed)'} claims externalIPs ${ips.join(', ')}: every node routes traffic for them to its pods, whoever owns those addresses (CVE-2020-8554).`,
    });
  },
};

/** Annotations that terminate TLS without an Ingress `tls` section: AWS ALB certificates, GKE certificates. */
const TLS_ANNOTATIONS = ['alb.ingress.kubernetes.io/certificate-arn', 'ingress.gcp.kubernetes.io/pre-shared-cert', 'networking.gke.io/managed-certificates'];

function isIngress(apiVersion: string): boolean {
  return apiVersion.startsWith('networking.k8s.io/') || apiVersion === 'extensions/v1beta1';
}

export const ingressWithoutTls: Rule = {
  id: 'ingress-without-tls',
  title: 'Ingress without TLS',
  category: 'network',
  severity: 'warning',
  enabledByDefault: true,
  description:
    'Flags Ingresses without a `spec.tls` section, unless an annotation configures certificates another way (AWS Load Balancer Controller `certificate-arn`, GKE pre-shared or managed certificates).',
  rationale:
    'Without TLS, the traffic the Ingress routes (credentials, session cookies, personal data) crosses the network in clear text and can be read or changed by anyone on the path. Certificates are cheap to automate (cert-manager reads the same tls section).',
  remediation: 'Add a spec.tls entry listing the hosts and the Secret holding their certificate (cert-manager can create it).',
  reads: ['Ingress.spec.tls', 'Ingress.spec.rules[*].host', 'Ingress.metadata.annotations'],
  concepts: ['NET-INGRESS-TLS'],
  peers: { polaris: 'tlsSettingsMissing', kubescape: 'C-0263' },
  defaultsNote: 'The quick-fix writes a tls section naming a Secret <ingress>-tls, which must exist (or be issued by cert-manager): it is offered on request, not by fix-all.',
  appliesTo: ['Ingress'],
  check({ object, report }) {
    if (!isIngress(object.apiVersion) || entries(object, ['spec', 'tls']).length > 0) return;
    const annotations = object.stringMap(['metadata', 'annotations']);
    if (TLS_ANNOTATIONS.some((a) => (annotations.get(a) ?? '') !== '')) return;
    const hosts = [...new Set(entries(object, ['spec', 'rules']).flatMap((r) => (r.node ? [object.value(['host'], r.node)] : [])).filter((h): h is string => typeof h === 'string' && h !== ''))];
    const tls: FixValue = [{ hosts, secretName: `${object.name ?? 'ingress'}-tls` }];
    report({
      span: object.keySpan(['spec', 'rules']) ?? object.keySpan(['spec']) ?? object.valueSpan(['kind'])!,
      message: `Ingress ${object.name ?? '(unnamed)'} has no tls section: ${hosts.length > 0 ? hosts.join(', ') : 'its routes'} ${hosts.length > 1 ? 'are' : 'is'} served over plain HTTP.`,
      fix: hosts.length > 0 ? { title: `Add a tls section with Secret ${object.name ?? 'ingress'}-tls`, safe: false, intents: [{ op: 'set', path: ['spec', 'tls'], value: tls }] } : null,
    });
  },
};

/** ingress-nginx (`nginx.ingress.kubernetes.io/*-snippet`) and NGINX Inc. (`nginx.org/*-snippets`) snippet annotations. */
const SNIPPET = /^(?:nginx\.ingress\.kubernetes\.io\/(?:[a-z-]+-)?snippet|nginx\.org\/(?:[a-z-]+-)?snippets)$/;

export const ingressNginxSnippet: Rule = {
  id: 'ingress-nginx-snippet',
  title: 'NGINX snippet annotation',
  category: 'network',
  severity: 'warning',
  enabledByDefault: true,
  description:
    'Flags Ingress annotations that inject raw NGINX configuration (`nginx.ingress.kubernetes.io/configuration-snippet`, `server-snippet`, `auth-snippet` and the other `*-snippet` keys; `nginx.org/*-snippets`), and an ingress-nginx ConfigMap that sets `allow-snippet-annotations: "true"`.',
  rationale:
    'A snippet is pasted verbatim into the configuration of the shared ingress controller, which runs with access to every Secret of the cluster: whoever can create an Ingress can read those Secrets or reroute other tenants\' traffic (CVE-2021-25742, and the snippet paths of CVE-2025-1974). ingress-nginx disables snippet annotations by default for this reason.',
  remediation: 'Replace the snippet with the dedicated annotation or a controller-wide ConfigMap setting, and keep allow-snippet-annotations off.',
  reads: ['Ingress.metadata.annotations', 'ConfigMap.data.allow-snippet-annotations'],
  concepts: ['NET-INGRESS-SNIPPET'],
  peers: { kubescape: 'C-0059, C-0292', checkov: 'CKV_K8S_152, CKV_K8S_153, CKV_K8S_154' },
  appliesTo: ['Ingress', 'ConfigMap'],
  check({ object, report }) {
    if (object.kind === 'ConfigMap') {
      const value = object.value(['data', 'allow-snippet-annotations']);
      if (object.apiVersion !== 'v1' || String(value).toLowerCase() !== 'true') return;
      report({
        span: object.pairSpan(['data', 'allow-snippet-annotations'])!,
        message: `ConfigMap ${object.name ?? '(unnamed)'} allows snippet annotations: every Ingress can then inject raw NGINX configuration into the shared controller.`,
        fix: { title: 'Set allow-snippet-annotations: "false"', safe: false, intents: [{ op: 'set', path: ['data', 'allow-snippet-annotations'], value: 'false' }] },
      });
      return;
    }
    if (!isIngress(object.apiVersion)) return;
    for (const key of object.stringMap(['metadata', 'annotations']).keys()) {
      if (!SNIPPET.test(key)) continue;
      report({
        span: object.keySpan(['metadata', 'annotations', key])!,
        message: `Ingress ${object.name ?? '(unnamed)'} injects raw NGINX configuration with ${key}: the shared ingress controller runs it with access to every Secret of the cluster.`,
        fix: { title: `Remove the ${key} annotation`, safe: false, intents: [{ op: 'remove', path: ['metadata', 'annotations', key] }] },
      });
    }
  },
};

/** Admin UIs with a record of exposing clusters: what they are and why they are dangerous. */
const ADMIN_UIS: readonly { test: (repository: string) => boolean; what: string; why: string }[] = [
  {
    test: (r) => /(^|\/)kubernetesui\/dashboard(-[a-z]+)?$/.test(r) || /(^|\/)kubernetes-dashboard(-[a-z0-9]+)?$/.test(r),
    what: 'the Kubernetes Dashboard',
    why: 'an exposed or broadly bound Dashboard has handed out cluster access (the Tesla cryptomining breach)',
  },
  {
    test: (r) => /(^|\/)(kubernetes-helm|helm)\/tiller$/.test(r),
    what: "Helm 2's Tiller",
    why: 'it serves an unauthenticated gRPC API that deploys anything with cluster-admin rights by default, and Helm 3 removed it',
  },
  {
    test: (r) => /(^|\/)weaveworks\/scope$/.test(r),
    what: 'Weave Scope',
    why: 'its UI gives a shell into every container and has been hijacked when exposed',
  },
];

export const adminUiDeployed: Rule = {
  id: 'admin-ui-deployed',
  title: 'Cluster admin UI deployed',
  category: 'network',
  severity: 'warning',
  enabledByDefault: true,
  description: "Flags containers running the Kubernetes Dashboard, Helm 2's Tiller or Weave Scope, recognised by image repository.",
  rationale:
    'These UIs and APIs act on the whole cluster with powerful service accounts. Exposed, unauthenticated or bound to broad roles, they have been the entry point of real compromises; Tiller in particular accepts any request that reaches its port.',
  remediation: 'Remove Tiller (migrate to Helm 3), and run the Dashboard or similar tools only behind authentication with a least-privilege ServiceAccount, or use local tools with your own credentials instead.',
  reads: ['spec.{initContainers,containers,ephemeralContainers}[*].image'],
  concepts: ['NET-SENSITIVE-UI'],
  peers: { kubescape: 'C-0014', trivy: 'KSV-0102', checkov: 'CKV_K8S_33, CKV_K8S_34, CKV_K8S_44, CKV_K8S_45' },
  appliesTo: 'workloads',
  check({ object, pod, report }) {
    for (const c of pod?.containers ?? []) {
      const image = object.value(['image'], c.node);
      if (typeof image !== 'string') continue;
      const ui = ADMIN_UIS.find((u) => u.test(parseImage(image.trim()).repository));
      if (!ui) continue;
      report({ span: object.valueSpan(['image'], c.node)!, message: `${subject(c)} of ${object.label} runs ${ui.what}: ${ui.why}.`, container: c });
    }
  },
};

export const NETWORK_EXPOSURE_RULES: readonly Rule[] = [serviceExposed, serviceExternalIps, ingressWithoutTls, ingressNginxSnippet, adminUiDeployed];
