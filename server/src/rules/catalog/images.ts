/** Container images: mutable tags, digests, pull policy, deprecated registries. */
import type { ContainerRef } from '../../document/workloads';
import type { K8sObject } from '../../document/k8sObject';
import type { Rule } from '../rule';
import { subject } from './podFacts';

/** An image reference split the way container runtimes read it: `[registry/]repository[:tag][@digest]`. */
export interface ImageRef {
  readonly registry: string | undefined;
  readonly repository: string;
  readonly tag: string | undefined;
  readonly digest: string | undefined;
}

export function parseImage(image: string): ImageRef {
  const at = image.indexOf('@');
  const digest = at === -1 ? undefined : image.slice(at + 1);
  const name = at === -1 ? image : image.slice(0, at);
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  const tag = colon > slash ? name.slice(colon + 1) : undefined;
  const path = colon > slash ? name.slice(0, colon) : name;
  const first = path.split('/')[0]!;
  // Docker's rule: the first component is a registry when it has a dot or a port, or is localhost.
  const hasRegistry = path.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  return { registry: hasRegistry ? first : undefined, repository: hasRegistry ? path.slice(first.length + 1) : path, tag, digest };
}

/** Images we cannot judge: empty, or filled in later by a template or `envsubst`. */
function isTemplated(image: string): boolean {
  return image.trim() === '' || /[${}<>]/.test(image);
}

interface ImageSite {
  readonly c: ContainerRef;
  readonly image: string;
  readonly ref: ImageRef;
}

function images(obj: K8sObject, containers: readonly ContainerRef[]): ImageSite[] {
  const out: ImageSite[] = [];
  for (const c of containers) {
    const image = obj.value(['image'], c.node);
    if (typeof image !== 'string' || isTemplated(image)) continue;
    out.push({ c, image, ref: parseImage(image.trim()) });
  }
  return out;
}

export const imageLatestTag: Rule = {
  id: 'image-latest-tag',
  title: 'Image without a version',
  category: 'images',
  severity: 'warning',
  enabledByDefault: true,
  description: 'Flags container images with no tag (which means `latest`) or the tag `latest`, unless pinned by digest.',
  rationale:
    '`latest` is whatever was pushed last: two nodes can run different code under the same manifest, a rollback does not roll back, and a compromised or broken push reaches every restart. A version tag (or a digest) makes the deployed code reviewable and reproducible.',
  remediation: 'Pin the image to an explicit version tag (or a digest).',
  reads: ['spec.{initContainers,containers,ephemeralContainers}[*].image'],
  concepts: ['SEC-IMAGE-LATEST'],
  peers: { polaris: 'tagNotSpecified', 'kube-linter': 'latest-tag', 'kube-score': 'container-image-tag', trivy: 'KSV-0013', checkov: 'CKV_K8S_14' },
  appliesTo: 'workloads',
  check({ object, pod, report }) {
    for (const { c, image, ref } of images(object, pod?.containers ?? [])) {
      if (ref.digest !== undefined || (ref.tag !== undefined && ref.tag !== 'latest')) continue;
      report({
        span: object.valueSpan(['image'], c.node)!,
        container: c,
        message: ref.tag === undefined ? `${subject(c)} uses image ${image} without a tag, which means latest.` : `${subject(c)} uses the mutable tag latest (${image}).`,
      });
    }
  },
};

export const imageNotPinned: Rule = {
  id: 'image-not-pinned',
  title: 'Image not pinned by digest',
  category: 'images',
  severity: 'information',
  enabledByDefault: false,
  description: 'Flags container images that are not pinned by digest (`@sha256:…`).',
  rationale:
    'Tags are mutable: a registry account compromise or a careless re-push changes what a version tag points to. A digest names the exact image content, so what was reviewed is what runs.',
  remediation: 'Append the image digest (image@sha256:…), e.g. with a tool such as crane digest or a Renovate/Dependabot pinning rule.',
  reads: ['spec.{initContainers,containers,ephemeralContainers}[*].image'],
  concepts: ['SEC-IMAGE-DIGEST'],
  peers: { kubescape: 'C-0306', checkov: 'CKV_K8S_43' },
  defaultsNote:
    'Off by default: digests need a registry lookup to add (not possible offline, so there is no quick-fix) and tooling to keep them updated; version tags are the common, reasonable baseline.',
  appliesTo: 'workloads',
  check({ object, pod, report }) {
    for (const { c, image, ref } of images(object, pod?.containers ?? [])) {
      if (ref.digest !== undefined) continue;
      report({ span: object.valueSpan(['image'], c.node)!, container: c, message: `${subject(c)} uses image ${image}, which is not pinned by digest.` });
    }
  },
};

export const imagePullPolicy: Rule = {
  id: 'image-pull-policy',
  title: 'Image pull policy is not Always',
  category: 'images',
  severity: 'information',
  enabledByDefault: false,
  description:
    'Flags containers whose effective `imagePullPolicy` is not `Always`: set to IfNotPresent or Never, or unset with a version tag (the default is then IfNotPresent). Images pinned by digest are skipped: their content cannot change.',
  rationale:
    'With IfNotPresent, a node reuses whatever image it cached under that tag, without asking the registry whether the pod may pull it: a pod can run a private image another tenant pulled to the node, and a tag moved to a patched image is not picked up.',
  remediation: 'Set imagePullPolicy: Always (pulls are cheap when layers are cached), or pin the image by digest.',
  reads: ['spec.{initContainers,containers,ephemeralContainers}[*].{image,imagePullPolicy}'],
  concepts: ['SEC-PULL-POLICY'],
  peers: { polaris: 'pullPolicyNotAlways', 'kube-score': 'container-image-pull-policy', kubescape: 'C-0075', checkov: 'CKV_K8S_15' },
  defaultsNote:
    'Off by default: contested. Always makes every pod start depend on the registry being reachable, and the multi-tenant risk it addresses is better handled by the AlwaysPullImages admission plugin or digests.',
  fix: { title: 'Set imagePullPolicy: Always', scope: 'container', safe: false, intents: [{ op: 'set', path: ['imagePullPolicy'], value: 'Always' }] },
  appliesTo: 'workloads',
  check({ object, pod, report }) {
    for (const { c, image, ref } of images(object, pod?.containers ?? [])) {
      if (ref.digest !== undefined) continue;
      const policy = object.value(['imagePullPolicy'], c.node);
      const explicit = object.has(['imagePullPolicy'], c.node);
      // Kubernetes defaults to Always for `latest` and untagged images, IfNotPresent otherwise.
      const effective = explicit ? policy : ref.tag === undefined || ref.tag === 'latest' ? 'Always' : 'IfNotPresent';
      if (effective === 'Always') continue;
      report({
        span: explicit ? object.pairSpan(['imagePullPolicy'], c.node)! : object.valueSpan(['image'], c.node)!,
        container: c,
        message: explicit
          ? `${subject(c)} sets imagePullPolicy: ${String(policy)}; the node may run a cached copy of ${image}.`
          : `${subject(c)} pulls ${image} only if not present (the default for a version tag).`,
      });
    }
  },
};

/** Registries frozen or shut down, and where their images live now. */
const DEPRECATED_REGISTRIES: readonly { readonly prefix: string; readonly replacement: string; readonly why: string }[] = [
  { prefix: 'k8s.gcr.io/', replacement: 'registry.k8s.io/', why: 'frozen since April 2023' },
  { prefix: 'gcr.io/google_containers/', replacement: 'registry.k8s.io/', why: 'the legacy Kubernetes project registry, frozen' },
  { prefix: 'gcr.io/google-containers/', replacement: 'registry.k8s.io/', why: 'the legacy Kubernetes project registry, frozen' },
];

export const deprecatedRegistry: Rule = {
  id: 'deprecated-registry',
  title: 'Image from a deprecated registry',
  category: 'images',
  severity: 'warning',
  enabledByDefault: true,
  description: 'Flags images pulled from frozen Kubernetes project registries (k8s.gcr.io, gcr.io/google_containers) whose images now live on registry.k8s.io.',
  rationale:
    'A frozen registry gets no new images, so no security patches: a manifest that still points there is stuck on old, vulnerable versions, and the redirect that keeps it working can go away. registry.k8s.io serves the same images and every new release.',
  remediation: 'Pull the image from registry.k8s.io instead.',
  reads: ['spec.{initContainers,containers,ephemeralContainers}[*].image'],
  concepts: ['SEC-REGISTRY'],
  peers: { kubescape: 'C-0001, C-0078, C-0253', trivy: 'KSV-0125' },
  defaultsNote:
    'Only registries known to be frozen are reported. An allow-list of trusted registries (the other half of the peers\' checks) needs per-rule options in settings, which the settings model does not carry yet.',
  appliesTo: 'workloads',
  check({ object, pod, report }) {
    for (const { c, image } of images(object, pod?.containers ?? [])) {
      const trimmed = image.trim();
      const hit = DEPRECATED_REGISTRIES.find((r) => trimmed.startsWith(r.prefix));
      if (!hit) continue;
      const replaced = hit.replacement + trimmed.slice(hit.prefix.length);
      report({
        span: object.valueSpan(['image'], c.node)!,
        container: c,
        message: `${subject(c)} pulls ${image} from ${hit.prefix.slice(0, -1)} (${hit.why}); use ${replaced}.`,
        // The same images are served from the new registry: the rename is the whole migration.
        fix: { title: `Use ${replaced}`, safe: true, intents: [{ op: 'set', path: [...c.path, 'image'], value: replaced }] },
      });
    }
  },
};

export const IMAGE_RULES: readonly Rule[] = [imageLatestTag, imageNotPinned, imagePullPolicy, deprecatedRegistry];
