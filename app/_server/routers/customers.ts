import { CUSTOMER_ROLES, isCustomerRole, PRESET_MODES } from "@/db/schema";
import { z } from "zod";
import { customerDeletionImpact, listCustomerUsers } from "../services/customers/customer-details";
import { createCustomer, deleteCustomer, getCustomer, listCustomers, updateCustomer } from "../services/customers/customers";
import { listPresets } from "../services/marketplace/list-presets";
import { removePreset } from "../services/marketplace/remove-preset";
import { setPreset } from "../services/marketplace/set-preset";
import { createUser } from "../services/users/create-user";
import { adminProcedure, assertCustomerScope, authedProcedure, builderProcedure, orgProcedure, router } from "../trpc";
import { actorOf, withAudit } from "../services/audit/record-audit";

const presetKey = z.object({ customerId: z.string().uuid(), integrationId: z.string().uuid() });

const customerInput = z.object({
  name: z.string().trim().min(1, "a name is required").max(200),
  externalId: z.string().trim().max(200).nullish(),
  description: z.string().max(2000).optional(),
});

export const customersRouter = router({
  // a customer user sees its own customer only
  list: authedProcedure.query(({ ctx }) =>
    listCustomers(ctx.db, isCustomerRole(ctx.principal.role) ? ctx.principal.customerId : undefined),
  ),
  get: authedProcedure.input(z.object({ id: z.string().uuid() })).query(({ ctx, input }) => {
    assertCustomerScope(ctx.principal, input.id);
    return getCustomer(ctx.db, input.id);
  }),
  create: orgProcedure.input(customerInput).mutation(({ ctx, input }) => createCustomer(ctx.db, input)),
  update: orgProcedure
    .input(customerInput.partial().extend({ id: z.string().uuid() }))
    .mutation(({ ctx, input: { id, ...rest } }) => updateCustomer(ctx.db, id, rest)),
  /** the instances and users a delete would take with it, for the confirmation */
  deletionImpact: orgProcedure
    .input(z.object({ id: z.string().uuid() }))
    .query(({ ctx, input }) => customerDeletionImpact(ctx.db, input.id)),
  users: orgProcedure.input(z.object({ id: z.string().uuid() })).query(({ ctx, input }) => listCustomerUsers(ctx.db, input.id)),
  delete: adminProcedure.input(z.object({ id: z.string().uuid() })).mutation(({ ctx, input }) =>
    withAudit(
      ctx.db,
      (db) => deleteCustomer(db, input.id),
      (c) => ({ actor: actorOf(ctx.principal), action: "customer.deleted", target: { type: "customer", id: c.id, name: c.name } }),
    ),
  ),
  // support looks after customers' runs; it does not hand out sign-ins
  createUser: builderProcedure
    .input(
      z.object({
        customerId: z.string().uuid(),
        name: z.string().trim().min(1),
        email: z.string().trim().email("not an email address"),
        password: z.string().min(8, "at least 8 characters"),
        /** customer: deploys and configures; customer_viewer: looks only */
        role: z.enum(CUSTOMER_ROLES).default("customer"),
      }),
    )
    .mutation(({ ctx, input }) => createUser(ctx.db, input, actorOf(ctx.principal))),
  /** config values the organization sets for the customer, hidden from it or read-only (credential values never returned) */
  presets: router({
    list: builderProcedure.input(presetKey).query(({ ctx, input }) => listPresets(ctx.db, input)),
    set: builderProcedure
      .input(presetKey.extend({ configVarKey: z.string().min(1).max(200), mode: z.enum(PRESET_MODES), value: z.unknown().optional() }))
      .mutation(({ ctx, input }) => setPreset(ctx.db, input)),
    remove: builderProcedure
      .input(presetKey.extend({ configVarKey: z.string().min(1).max(200) }))
      .mutation(({ ctx, input }) => removePreset(ctx.db, input)),
  }),
});
