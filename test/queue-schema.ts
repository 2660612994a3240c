/** Creates pg-boss's schema in a template database once, so each test database starts with it. */
export async function prepareQueueSchema(_url: string): Promise<void> {
  // filled in when the queue lands (runtime/queue)
}
