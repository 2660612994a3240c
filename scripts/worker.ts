import { serve } from "../app/_server/main/serve";

await serve({ web: false, worker: true });
