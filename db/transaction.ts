/**
 * One transaction on a pooled client: BEGIN, the work, COMMIT — or ROLLBACK and the error. The
 * client goes back to the pool either way (a broken one is discarded by pg).
 */
import type pg from "pg";

export async function withTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("begin");
    const result = await work(client);
    await client.query("commit");
    return result;
  } catch (err) {
    await client.query("rollback").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
