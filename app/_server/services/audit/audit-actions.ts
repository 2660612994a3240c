/**
 * What the audit log records, each action as a person would say it. Actions are `area.verb`; the
 * Settings page and `junction audit:list` filter by one or by an area (`user`, `instance`).
 */
export const AUDIT_ACTIONS = {
  "user.invited": "invited a team member",
  "user.invitation_revoked": "revoked an invitation",
  "user.joined": "accepted an invitation",
  "user.created": "created a user",
  "user.role_changed": "changed a role",
  "user.updated": "renamed a user",
  "user.deactivated": "deactivated a user",
  "user.reactivated": "reactivated a user",
  "user.removed": "removed a user",
  "token.created": "created an API token",
  "token.revoked": "revoked an API token",
  "embedding.key_added": "added a signing key",
  "embedding.key_revoked": "revoked a signing key",
  "embedding.settings_changed": "changed the embedding settings",
  "settings.changed": "changed a setting",
  "integration.published": "published a version",
  "integration.deleted": "deleted an integration",
  "instance.deployed": "deployed an instance",
  "instance.config_changed": "changed an instance's configuration",
  "instance.updated": "changed an instance",
  "instance.deleted": "deleted an instance",
  "instance.secrets_rotated": "rotated an instance's webhook key and secret",
  "customer.deleted": "deleted a customer",
  "component.removed": "removed a component",
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

export const AUDIT_AREAS = [...new Set(Object.keys(AUDIT_ACTIONS).map((a) => a.split(".")[0]!))];

export const describeAction = (action: string) => AUDIT_ACTIONS[action as AuditAction] ?? action;
