export * from "./auth";
export * from "./customers";
export * from "./integrations";
export * from "./instances";
export * from "./executions";
export * from "./components";
export * from "./alerts";
export * from "./rollups";
