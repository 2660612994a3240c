import { isCustomerRole } from "@/db/schema";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import type { Db } from "@/db/client";
import type { Principal } from "../auth/principal";
import { createInstance } from "../services/instances/create-instance";
import { rotateEndpointSecrets } from "../services/instances/endpoint-secrets";
import { getInstance } from "../services/instances/get-instance";
import { listInstances } from "../services/instances/list-instances";
import { listPersistedData } from "../services/instances/list-persisted-data";
import { previewUpdate } from "../services/instances/preview-update";
import { testInstanceFlow } from "../services/instances/test-instance-flow";
import { deleteInstance, updateInstance } from "../services/instances/update-instance";
import { instanceForViewer } from "../services/marketplace/customer-view";
import { viewerOf } from "../services/marketplace/visibility";
import { assertCustomerScope, authedProcedure, builderProcedure, instanceWriteProcedure, router } from "../trpc";
import { actorOf, withAudit } from "../services/audit/record-audit";

const configValues = z.record(z.string(), z.unknown());

/** Loads the instance's customer first, so a customer user never learns of another's instance. */
async function reachableInstance(db: Db, principal: Principal, id: string) {
  const instance = await getInstance(db, id);
  assertCustomerScope(principal, instance.customer.id);
  return instance;
}

/** a customer's user is held to the marketplace's visibility and its customer's presets */
const deployer = (principal: Principal) => (isCustomerRole(principal.role) ? ("customer" as const) : ("organization" as const));

export const instancesRouter = router({
  list: authedProcedure
    .input(
      z
        .object({
          integrationId: z.string().uuid().optional(),
          customerId: z.string().uuid().optional(),
          enabled: z.boolean().optional(),
          version: z.number().int().positive().optional(),
          extended: z.boolean().optional(),
        })
        .optional(),
    )
    .query(({ ctx, input }) => {
      const filters = { ...input };
      if (isCustomerRole(ctx.principal.role)) {
        if (filters.customerId && filters.customerId !== ctx.principal.customerId) {
          throw new TRPCError({ code: "FORBIDDEN", message: "this belongs to another customer" });
        }
        filters.customerId = ctx.principal.customerId!;
      }
      return listInstances(ctx.db, filters);
    }),
  get: authedProcedure
    .input(z.object({ id: z.string().uuid() }))
    // a customer user never gets what the organization hid from it (its presets)
    .query(async ({ ctx, input }) =>
      instanceForViewer(ctx.db, viewerOf(ctx.principal), await reachableInstance(ctx.db, ctx.principal, input.id)),
    ),
  /** before updating to the latest version: its notes and the config fields that change, in words (the YAML for organization users only) */
  updatePreview: authedProcedure.input(z.object({ id: z.string().uuid() })).query(async ({ ctx, input }) => {
    await reachableInstance(ctx.db, ctx.principal, input.id);
    return previewUpdate(ctx.db, { id: input.id, viewer: viewerOf(ctx.principal) });
  }),
  /** Persist Data rows of the instance, read-only */
  persistedData: authedProcedure.input(z.object({ id: z.string().uuid() })).query(async ({ ctx, input }) => {
    await reachableInstance(ctx.db, ctx.principal, input.id);
    return listPersistedData(ctx.db, input.id);
  }),
  create: instanceWriteProcedure
    .input(
      z.object({
        integrationId: z.string().uuid(),
        customerId: z.string().uuid(),
        version: z.number().int().positive().optional(),
        name: z.string().max(200).optional(),
        configValues,
        enabled: z.boolean().optional(),
      }),
    )
    .mutation(({ ctx, input }) => {
      assertCustomerScope(ctx.principal, input.customerId);
      return createInstance(ctx.db, { ...input, by: deployer(ctx.principal), actor: actorOf(ctx.principal) });
    }),
  update: instanceWriteProcedure
    .input(
      z.object({
        id: z.string().uuid(),
        name: z.string().max(200).optional(),
        version: z.union([z.number().int().positive(), z.literal("latest")]).optional(),
        configValues: configValues.optional(),
        enabled: z.boolean().optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      await reachableInstance(ctx.db, ctx.principal, input.id);
      return updateInstance(ctx.db, { ...input, by: deployer(ctx.principal), actor: actorOf(ctx.principal) });
    }),
  /** a test run of one of the instance's flows (the organization's: test runs are not shown to customers) */
  testFlow: builderProcedure
    .input(
      z.object({
        id: z.string().uuid(),
        flow: z.string().min(1),
        body: z.unknown().optional(),
        binary: z.object({ contentType: z.string().min(1), base64: z.string() }).optional(),
        headers: z.record(z.string(), z.string()).optional(),
      }),
    )
    .mutation(({ ctx, input }) =>
      testInstanceFlow(ctx.db, ctx.services.accept, {
        instanceId: input.id,
        flow: input.flow,
        body: input.body,
        binary: input.binary && { contentType: input.binary.contentType, data: Buffer.from(input.binary.base64, "base64") },
        headers: input.headers,
      }),
    ),
  /** new webhook API key and HMAC secret for the instance, shown this once */
  rotateEndpointSecrets: instanceWriteProcedure.input(z.object({ id: z.string().uuid() })).mutation(async ({ ctx, input }) => {
    await reachableInstance(ctx.db, ctx.principal, input.id);
    return withAudit(
      ctx.db,
      (db) => rotateEndpointSecrets(db, input.id),
      () => ({ actor: actorOf(ctx.principal), action: "instance.secrets_rotated", target: { type: "instance", id: input.id } }),
    );
  }),
  delete: instanceWriteProcedure.input(z.object({ id: z.string().uuid() })).mutation(async ({ ctx, input }) => {
    await reachableInstance(ctx.db, ctx.principal, input.id);
    return deleteInstance(ctx.db, input.id, actorOf(ctx.principal));
  }),
});
