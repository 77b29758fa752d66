"use server";
// Account management (admins only). Passwords are hashed before the write; every change is audited.
import { revalidatePath } from "next/cache";
import { AccountError, addAccount, checkNewAccount, newPasswordHash, normalizeName, removeAccount, setPassword, setRole } from "@/lib/auth/accounts";
import { recordAudit } from "@/lib/auth/audit";
import { isRole } from "@/lib/auth/roles";
import { NotAllowed, requireRole } from "@/lib/auth/session";
import { DatabaseBusy, sharedSqlite, writeWhenFree } from "@/lib/db/sqlite";

export type AccountResult = { ok: true; message: string } | { ok: false; error: string };

async function asAdmin(fn: (admin: string) => Promise<string>): Promise<AccountResult> {
  try {
    const admin = await requireRole("admin");
    const message = await fn(admin.name);
    revalidatePath("/accounts");
    return { ok: true, message };
  } catch (e) {
    if (e instanceof NotAllowed || e instanceof AccountError || e instanceof DatabaseBusy) return { ok: false, error: e.message };
    return { ok: false, error: `Something went wrong: ${e instanceof Error ? e.message : String(e)}. Nothing was changed.` };
  }
}

export async function addAccountAction(_prev: AccountResult | null, form: FormData): Promise<AccountResult> {
  return asAdmin(async (admin) => {
    const name = String(form.get("name") ?? "");
    const role = String(form.get("role") ?? "");
    checkNewAccount(sharedSqlite(), name, role);
    if (!isRole(role)) throw new AccountError("Choose a role.");
    const hash = await newPasswordHash(String(form.get("password") ?? ""));
    const account = await writeWhenFree((db) => {
      const a = addAccount(db, name, role, hash);
      recordAudit(db, admin, "user-add", a.name, a.role);
      return a;
    });
    return `Account ${account.name} (${account.role}) added.`;
  });
}

export async function setRoleAction(name: string, role: string): Promise<AccountResult> {
  return asAdmin(async (admin) => {
    if (!isRole(role)) throw new AccountError("Choose a role.");
    await writeWhenFree((db) => {
      setRole(db, name, role);
      recordAudit(db, admin, "user-role", normalizeName(name), role);
    });
    return `${normalizeName(name)} is now ${role === "admin" ? "an" : "a"} ${role}; their sessions were ended.`;
  });
}

export async function setPasswordAction(_prev: AccountResult | null, form: FormData): Promise<AccountResult> {
  return asAdmin(async (admin) => {
    const name = String(form.get("name") ?? "");
    const hash = await newPasswordHash(String(form.get("password") ?? ""));
    await writeWhenFree((db) => {
      setPassword(db, name, hash);
      recordAudit(db, admin, "user-password", normalizeName(name));
    });
    return `Password of ${normalizeName(name)} changed; their sessions were ended.`;
  });
}

export async function removeAccountAction(name: string): Promise<AccountResult> {
  return asAdmin(async (admin) => {
    if (normalizeName(name) === admin) throw new AccountError("You cannot remove your own account.");
    await writeWhenFree((db) => {
      removeAccount(db, name);
      recordAudit(db, admin, "user-remove", normalizeName(name));
    });
    return `Account ${normalizeName(name)} removed; its sessions were ended.`;
  });
}
