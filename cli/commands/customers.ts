/** Customers (the companies instances are deployed to) and their users. */
import { readPassword, withPasswordOptions, type PasswordOptions } from "../password";
import type { Command } from "commander";
import { connect } from "../api";
import type { Column } from "../output/format";
import { listOptions, printList, printRecord, recordOptions } from "../output/options";
import { refuseWithoutYes, requireId } from "./shared";
import type { Topic } from "./topic";

type RecordOutput = { output?: "table" | "json" | "yaml" };

const COLUMNS: Column[] = [
  { key: "id" },
  { key: "name" },
  { key: "externalId", header: "EXTERNAL ID" },
  { key: "instanceCount", header: "INSTANCES" },
  { key: "createdAt", header: "CREATED", extended: true },
  { key: "description", extended: true },
];

export const customersTopic: Topic = {
  name: "customers",
  summary: "customers and their users",
  register(program: Command) {
    listOptions(program.command("customers:list").description("list customers"), COLUMNS).action(async (options) => {
      const rows = await connect().call((api) => api.customers.list.query());
      printList(rows, COLUMNS, options);
    });

    recordOptions(program.command("customers:get").description("show one customer").argument("<id>")).action(
      async (id: string, options: RecordOutput) => {
        const customerId = requireId(id, "customer");
        const customer = await connect().call((api) => api.customers.get.query({ id: customerId }));
        printRecord(customer, options);
      },
    );

    recordOptions(
      program
        .command("customers:create")
        .description("create a customer; prints its id")
        .requiredOption("--name <name>", "the customer's name (unique)")
        .option("--external-id <id>", "your own system's id for this customer (unique)")
        .option("--description <text>", "a description"),
    ).action(async (options: { name: string; externalId?: string; description?: string } & RecordOutput) => {
      const customer = await connect().call((api) =>
        api.customers.create.mutate({ name: options.name, externalId: options.externalId, description: options.description }),
      );
      printRecord(customer, options, customer.id);
    });

    recordOptions(
      program
        .command("customers:update")
        .description("rename a customer or change its external id or description")
        .argument("<id>")
        .option("--name <name>", "new name")
        .option("--external-id <id>", 'new external id ("" clears it)')
        .option("--description <text>", "new description"),
    ).action(async (id: string, options: { name?: string; externalId?: string; description?: string } & RecordOutput) => {
      const customerId = requireId(id, "customer");
      const customer = await connect().call((api) =>
        api.customers.update.mutate({
          id: customerId,
          name: options.name,
          externalId: options.externalId,
          description: options.description,
        }),
      );
      printRecord(customer, options, `Updated customer ${customer.id}`);
    });

    recordOptions(
      program
        .command("customers:delete")
        .description("delete a customer with its users and instances (needs --yes)")
        .argument("<id>")
        .option("-y, --yes", "really delete"),
    ).action(async (id: string, options: { yes?: boolean } & RecordOutput) => {
      const customerId = requireId(id, "customer");
      const session = connect();
      if (!options.yes) {
        const customer = await session.call((api) => api.customers.get.query({ id: customerId }));
        const instances = await session.call((api) => api.instances.list.query({ customerId }));
        refuseWithoutYes(
          [
            `deleting customer "${customer.name}" would also delete its users and ${instances.length} instance${instances.length === 1 ? "" : "s"}${instances.length ? ":" : ""}`,
            ...instances.map((i) => `  ${i.id}  ${i.name} (${i.integration})`),
          ],
          `junction customers:delete ${customerId}`,
        );
      }
      const deleted = await session.call((api) => api.customers.delete.mutate({ id: customerId }));
      printRecord(deleted, options, `Deleted customer "${deleted.name}"`);
    });

    recordOptions(
      withPasswordOptions(
        program
          .command("customers:users:create")
          .description("create a user who signs in for a customer (sees and configures its instances only)")
          .requiredOption("--customer <id>", "the customer")
          .requiredOption("--email <email>", "sign-in email")
          .requiredOption("--name <name>", "the person's name")
          .option("--read-only", "looks only: cannot deploy, change or remove instances"),
        "the first password (at least 8 characters)",
      ),
    ).action(async (options: { customer: string; email: string; name: string; readOnly?: boolean } & PasswordOptions & RecordOutput) => {
      const customerId = requireId(options.customer, "customer");
      const password = await readPassword(options, "First password");
      const user = await connect().call((api) =>
        api.customers.createUser.mutate({
          customerId,
          email: options.email,
          name: options.name,
          password,
          role: options.readOnly ? "customer_viewer" : "customer",
        }),
      );
      printRecord(user, options, user.id);
    });
  },
};
