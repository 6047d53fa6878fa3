/**
 * The parts of @kubernetes/client-node the cluster layer uses, loaded on first use.
 *
 * Deep imports, not the package index: the index re-exports exec/attach/cp/port-forward/informers and
 * every typed API group, which esbuild cannot drop (module side effects), and would add ~0.6 MB to the
 * client bundle. KubeConfig does kubeconfig loading and every credential (tokens, client certificates,
 * exec plugins, auth providers); KubernetesObjectApi makes typed requests from discovery. Loaded with
 * `import()` because the package is ESM (the type imports say so with `resolution-mode`) and the client is CommonJS, and because an editor that never
 * opens the Permissions view should not pay for it at activation.
 */
import type { KubeConfig } from '@kubernetes/client-node/dist/config.js' with { 'resolution-mode': 'import' };
import type { KubernetesObjectApi } from '@kubernetes/client-node/dist/object.js' with { 'resolution-mode': 'import' };
import type { createConfiguration } from '@kubernetes/client-node/dist/gen/configuration.js' with { 'resolution-mode': 'import' };
import type { ServerConfiguration } from '@kubernetes/client-node/dist/gen/servers.js' with { 'resolution-mode': 'import' };

export interface ClientNode {
  readonly KubeConfig: typeof KubeConfig;
  readonly KubernetesObjectApi: typeof KubernetesObjectApi;
  readonly createConfiguration: typeof createConfiguration;
  readonly ServerConfiguration: typeof ServerConfiguration;
}

let loading: Promise<ClientNode> | undefined;

export function loadClientNode(): Promise<ClientNode> {
  loading ??= Promise.all([
    import('@kubernetes/client-node/dist/config.js'),
    import('@kubernetes/client-node/dist/object.js'),
    import('@kubernetes/client-node/dist/gen/configuration.js'),
    import('@kubernetes/client-node/dist/gen/servers.js'),
  ]).then(([config, object, configuration, servers]) => ({
    KubeConfig: config.KubeConfig,
    KubernetesObjectApi: object.KubernetesObjectApi,
    createConfiguration: configuration.createConfiguration,
    ServerConfiguration: servers.ServerConfiguration,
  }));
  return loading;
}
