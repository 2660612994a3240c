import { prepareDatabase } from "../db/bootstrap";

const db = await prepareDatabase();
console.log("[junction] migrations applied");
await db.embedded?.stop();
