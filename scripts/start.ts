import { serve } from "../app/_server/main/serve";

await serve({ dev: process.argv.includes("--dev") });
