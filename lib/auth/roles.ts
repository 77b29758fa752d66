/** Roles, weakest first: each one can do everything the ones before it can. */
export const ROLES = ["viewer", "analyst", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  viewer: "Viewer: dashboards, PDFs and aggregate CSVs",
  analyst: "Analyst: also uploads, runs, removals, event-level and quarantine data",
  admin: "Admin: also accounts and the audit log",
};

export function isRole(x: unknown): x is Role {
  return typeof x === "string" && (ROLES as readonly string[]).includes(x);
}

export function hasRole(role: Role | null | undefined, needed: Role): boolean {
  return role != null && ROLES.indexOf(role) >= ROLES.indexOf(needed);
}
