import { createHash, randomBytes } from "node:crypto";
import { publicUrl } from "@/runtime/config/public-url";

/** How long an invitation link works. */
export const INVITATION_DAYS = 7;

/** 256 random bits; only the SHA-256 is stored, so the link cannot be read back from the database. */
export const newInvitationToken = () => randomBytes(32).toString("base64url");
export const hashInvitationToken = (token: string) => createHash("sha256").update(token).digest("hex");
export const invitationUrl = (token: string) => `${publicUrl()}/invite/${token}`;
