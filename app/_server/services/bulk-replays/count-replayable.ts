import { count } from "drizzle-orm";
import type { Db } from "@/db/client";
import { executions } from "@/db/schema";
import { executionFilter } from "../executions/list-executions";
import type { ExecutionFilter } from "./bulk-replay-filter";

/** How many runs a bulk replay with these filters would replay (the filters already scoped to the caller). */
export async function countReplayable(db: Db, filter: ExecutionFilter): Promise<number> {
  const [row] = await db.select({ n: count() }).from(executions).where(executionFilter(filter));
  return row?.n ?? 0;
}
