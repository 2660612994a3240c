/**
 * MySQL and MariaDB: parameterized queries, inserts and upserts. Everything goes through the
 * host's `context.sql` (one connection per execution and database, closed with the execution,
 * under the network policy); values always travel as `?` parameters bound by the server,
 * identifiers are checked and quoted.
 */
import { action, component, input } from "@junction/sdk";
import { database, toSqlConnection } from "./connection";
import { insertStatement, keyColumns, quoteTable, upsertStatement } from "./statements";

const connection = input({
  label: "Connection",
  type: "credential",
  connection: database,
  required: true,
  clean: toSqlConnection,
});
const table = input({
  label: "Table",
  type: "string",
  required: true,
  description: "table or database.table",
  // refused before anything reaches the server
  clean: (v) => (quoteTable(String(v)), String(v).trim()),
});
const rows = input({
  label: "Rows",
  type: "data",
  required: true,
  description: "a list of objects, one per row, keyed by column; a column a row leaves out gets its default",
});

export default component({
  key: "mysql",
  label: "MySQL / MariaDB",
  description: "Run parameterized queries, insert rows and upsert them in a MySQL or MariaDB database",
  category: "Databases",
  connections: [database],
  actions: {
    query: action({
      label: "Query",
      description:
        "Runs one SQL statement with ? parameters; answers { rows, rowCount, fields } (rowCount: rows returned, or rows an UPDATE/DELETE matched)",
      inputs: {
        connection,
        sql: input({ label: "SQL", type: "code", language: "sql", required: true, description: "e.g. SELECT * FROM orders WHERE id = ?" }),
        params: input({
          label: "Parameters",
          type: "data",
          default: [],
          description: "values for the ? placeholders, in order",
          clean: (v) => {
            if (!Array.isArray(v)) throw new Error("expected a list of values for the ? placeholders");
            return v as unknown[];
          },
        }),
      },
      perform: async (context, i) => ({ data: await context.sql.query(i.connection, i.sql, i.params) }),
    }),
    insertRows: action({
      label: "Insert Rows",
      description: "Inserts the rows in one multi-row INSERT; answers { rowCount }",
      inputs: { connection, table, rows },
      perform: async (context, i) => {
        const { sql, params } = insertStatement(i.table, i.rows);
        const r = await context.sql.query(i.connection, sql, params);
        return { data: { rowCount: r.rowCount } };
      },
    }),
    upsertRows: action({
      label: "Upsert Rows",
      description:
        "Inserts the rows, updating the existing row where a primary or unique key matches (INSERT … ON DUPLICATE KEY UPDATE); answers { rowCount } as MySQL counts it (1 per inserted row, 2 per updated one, 1 per one already as given)",
      inputs: {
        connection,
        table,
        rows,
        keyColumns: input({
          label: "Key columns",
          type: "string",
          required: true,
          description: "the columns of the primary or unique key the rows are matched on, comma-separated; they are not overwritten",
          clean: keyColumns,
        }),
      },
      perform: async (context, i) => {
        const { sql, params } = upsertStatement(i.table, i.rows, i.keyColumns);
        const r = await context.sql.query(i.connection, sql, params);
        return { data: { rowCount: r.rowCount } };
      },
    }),
  },
});
