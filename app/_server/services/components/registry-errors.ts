import { RegistryError, type RegistryErrorCode } from "@/components-registry/packages/registry-error";
import { ServiceError, type ServiceErrorCode } from "../errors";

const STATUS: Record<RegistryErrorCode, ServiceErrorCode> = {
  "invalid-package": "BAD_REQUEST",
  "bundle-failed": "BAD_REQUEST",
  "too-large": "BAD_REQUEST",
  "no-component": "BAD_REQUEST",
  "invalid-manifest": "BAD_REQUEST",
  unresolved: "BAD_REQUEST",
  duplicate: "CONFLICT",
  "in-use": "PRECONDITION_FAILED",
  "built-in": "FORBIDDEN",
  "not-found": "NOT_FOUND",
  unreachable: "PRECONDITION_FAILED",
  integrity: "BAD_REQUEST",
};

/** Registry refusals become service errors (and so tRPC errors) with the registry's message. */
export function registryRefusal(err: unknown): never {
  if (err instanceof RegistryError) throw new ServiceError(STATUS[err.code], err.message);
  throw err;
}
