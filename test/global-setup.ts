// Replaced by the database test harness (template database) as the foundation lands.
export default async function setup() {}
