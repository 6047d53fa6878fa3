/**
 * Validation of generated NetworkPolicies against the Kubernetes API schema (`kubernetes-models`, an
 * ES module, hence the dynamic import from these CommonJS test bundles).
 */
type Validator = (obj: unknown) => void;
let validator: Promise<Validator> | undefined;

/** Throws with the schema's messages when `obj` is not a valid networking.k8s.io/v1 NetworkPolicy. */
export async function validateNetworkPolicy(obj: unknown): Promise<void> {
  validator ??= import('kubernetes-models/networking.k8s.io/v1').then((m) => (o: unknown) => {
    const policy = new m.NetworkPolicy(o as ConstructorParameters<typeof m.NetworkPolicy>[0]);
    policy.validate();
    // The model's own apiVersion/kind defaults must not hide a wrong header in the YAML.
    const header = o as { apiVersion?: unknown; kind?: unknown };
    if (header.apiVersion !== 'networking.k8s.io/v1' || header.kind !== 'NetworkPolicy') throw new Error(`not a networking.k8s.io/v1 NetworkPolicy: ${String(header.apiVersion)} ${String(header.kind)}`);
  });
  (await validator)(obj);
}
