/**
 * @junction/embedded: Junction's marketplace, config wizard, instance and alert views in the
 * host product's page, signed in with a JWT the host's backend signed. No framework needed.
 *
 *   await junction.authenticate({ url: "https://junction.example.com", token });
 *   junction.showMarketplace(document.getElementById("integrations"), { height: "auto" });
 */
import { authenticate, signOut } from "./authenticate";
import { mount, on } from "./views";
import type { EmbeddedView, ViewOptions } from "./types";

export { JunctionError } from "./errors";
export { authenticate, signOut, on };
export type * from "./types";

type Target = HTMLElement | string;

/** the integrations this customer may activate; Activate opens the wizard, an activated one its instance */
export function showMarketplace(element: Target, options?: ViewOptions): EmbeddedView {
  return mount(element, { view: "marketplace" }, options);
}

/** the config wizard: a new instance of `integrationId`, or reconfiguring `instanceId` */
export function configureInstance(
  element: Target,
  target: { integrationId: string } | { instanceId: string },
  options?: ViewOptions,
): EmbeddedView {
  if (target && "instanceId" in target) return mount(element, { view: "configure", instanceId: target.instanceId }, options);
  return mount(element, { view: "configure", integrationId: target?.integrationId }, options);
}

/** an instance: status, webhook URLs, recent runs and their logs, connections to reconnect, remove */
export function showInstance(element: Target, target: { instanceId: string }, options?: ViewOptions): EmbeddedView {
  return mount(element, { view: "instance", instanceId: target?.instanceId }, options);
}

/** the customer's alerts */
export function showAlerts(element: Target, options?: ViewOptions): EmbeddedView {
  return mount(element, { view: "alerts" }, options);
}

const junction = { authenticate, signOut, showMarketplace, configureInstance, showInstance, showAlerts, on };
export default junction;
