/** Why a registry operation was refused; routers map `code` to an API error. */
export type RegistryErrorCode =
  | "invalid-package"
  | "bundle-failed"
  | "too-large"
  | "no-component"
  | "invalid-manifest"
  | "duplicate"
  | "not-found"
  | "in-use"
  | "built-in"
  | "unresolved"
  /** an npm registry could not be reached or answered with an error */
  | "unreachable"
  /** a downloaded tarball does not match the integrity its registry published */
  | "integrity";

export class RegistryError extends Error {
  constructor(
    readonly code: RegistryErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "RegistryError";
  }
}
