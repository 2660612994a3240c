/** listContainers and createContainer. */
import { action, input } from "@junction/sdk";
import { blobRequest, checkContainer, xmlOf } from "./blob-client";
import { checkMaxResults, connectionInput, containerInput, isoOf, markerInput, maxResultsInput } from "./inputs";
import { child, childrenNamed, childText } from "./xml";

export const listContainers = action({
  label: "List containers",
  description: "Lists the account's containers, one page at a time.",
  inputs: {
    connection: connectionInput,
    prefix: input({ label: "Prefix", type: "string" }),
    maxResults: maxResultsInput,
    marker: markerInput,
  },
  perform: async (context, inputs) => {
    const query: [string, string][] = [
      ["comp", "list"],
      ["maxresults", checkMaxResults(inputs.maxResults)],
    ];
    if (inputs.prefix) query.push(["prefix", inputs.prefix]);
    if (inputs.marker) query.push(["marker", inputs.marker]);
    const doc = await xmlOf(await blobRequest(context, inputs.connection, { method: "GET", query }));
    const containers = childrenNamed(child(doc, "Containers"), "Container").map((c) => {
      const props = child(c, "Properties");
      return { name: childText(c, "Name") ?? "", lastModified: isoOf(childText(props, "Last-Modified")) };
    });
    return { data: { containers, nextMarker: childText(doc, "NextMarker") || undefined } };
  },
});

export const createContainer = action({
  label: "Create container",
  description: "Creates a container (private: no anonymous access); one that exists already is left as it is.",
  inputs: { connection: connectionInput, container: containerInput },
  perform: async (context, inputs) => {
    const container = checkContainer(inputs.container);
    try {
      await blobRequest(context, inputs.connection, { method: "PUT", container, query: [["restype", "container"]] });
      return { data: { container, created: true } };
    } catch (err) {
      if ((err as { code?: string }).code === "ContainerAlreadyExists") return { data: { container, created: false } };
      throw err;
    }
  },
});
