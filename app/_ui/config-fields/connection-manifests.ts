/**
 * The connection manifests the wizard has fetched, kept by "component/key" so the shared schema
 * (runtime/config/config-values) checks a connection's fields in the browser as the server does.
 * Before a manifest arrives its value is checked only loosely; the server always checks fully.
 */
import type { ConnectionManifest } from "@/components-registry/contract";

const known = new Map<string, ConnectionManifest>();

export const connectionId = (component: string, key: string) => `${component}/${key}`;

export function rememberConnection(component: string, manifest: ConnectionManifest): void {
  known.set(connectionId(component, manifest.key), manifest);
}

export const knownConnection = (component: string, key: string): ConnectionManifest | undefined => known.get(connectionId(component, key));
