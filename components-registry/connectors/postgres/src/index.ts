/**
 * PostgreSQL: parameterized queries, inserts and upserts. Everything goes through the host's
 * `context.sql` (one connection per execution and database, closed with the execution, under the
 * network policy); values always travel as parameters, identifiers are checked and quoted.
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
  description: "table or schema.table",
  // refused before anything reaches the server
  clean: (v) => (quoteTable(String(v)), String(v).trim()),
});
const rows = input({
  label: "Rows",
  type: "data",
  required: true,
  description: "a list of objects, one per row, keyed by column; a column a row leaves out gets its default",
});
const returnRows = input({
  label: "Return rows",
  type: "boolean",
  default: true,
  description: "answer the stored rows (RETURNING *); at most JUNCTION_SQL_MAX_ROWS of them can come back",
});

export default component({
  key: "postgres",
  label: "PostgreSQL",
  description: "Run parameterized queries, insert rows and upsert them in a PostgreSQL database",
  category: "Databases",
  connections: [database],
  actions: {
    query: action({
      label: "Query",
      description: "Runs one SQL statement with $1, $2, … parameters; answers { rows, rowCount, fields }",
      inputs: {
        connection,
        sql: input({ label: "SQL", type: "code", language: "sql", required: true, description: "e.g. select * from orders where id = $1" }),
        params: input({
          label: "Parameters",
          type: "data",
          default: [],
          description: "values for $1, $2, … in order",
          clean: (v) => {
            if (!Array.isArray(v)) throw new Error("expected a list of values for $1, $2, …");
            return v as unknown[];
          },
        }),
      },
      perform: async (context, i) => ({ data: await context.sql.query(i.connection, i.sql, i.params) }),
    }),
    insertRows: action({
      label: "Insert Rows",
      description: "Inserts the rows in one multi-row INSERT; answers { rows (as stored, with defaults and generated keys), rowCount }",
      inputs: { connection, table, rows, returnRows },
      perform: async (context, i) => {
        const { sql, params } = insertStatement(i.table, i.rows, i.returnRows);
        const r = await context.sql.query(i.connection, sql, params);
        return { data: { rows: r.rows, rowCount: r.rowCount } };
      },
    }),
    upsertRows: action({
      label: "Upsert Rows",
      description:
        "Inserts the rows, updating the existing row where the conflict key columns match (INSERT … ON CONFLICT (keys) DO UPDATE); answers { rows, rowCount }",
      inputs: {
        connection,
        table,
        rows,
        keyColumns: input({
          label: "Conflict key columns",
          type: "string",
          required: true,
          description: "the columns of a primary key or unique constraint, comma-separated (e.g. id, or tenant_id, id)",
          clean: keyColumns,
        }),
        returnRows,
      },
      perform: async (context, i) => {
        const { sql, params } = upsertStatement(i.table, i.rows, i.keyColumns, i.returnRows);
        const r = await context.sql.query(i.connection, sql, params);
        return { data: { rows: r.rows, rowCount: r.rowCount } };
      },
    }),
  },
});
