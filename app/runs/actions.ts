"use server";
// Server actions of the Runs & upload page. Each one that changes data checks the analyst session first.
import { revalidatePath } from "next/cache";
import { checkSessionTimeout, parseOwnDomains, writeSetting } from "@/lib/db/settings";
import { DatabaseBusy, writeWhenFree } from "@/lib/db/sqlite";
import { recordAudit } from "@/lib/auth/audit";
import { requireRole, signIn, signOut, NotAllowed, type SessionUser } from "@/lib/auth/session";
import { enqueueRun } from "@/lib/runs/queue";
import { kickWorker } from "@/lib/runs/worker";
import { removePartition, type StoreStatus } from "@/lib/uploads/store";

export type ActionResult = { ok: true; message: string; files?: { name: string; status: StoreStatus }[]; runId?: number } | { ok: false; error: string; files?: { name: string; error: string }[] };

async function guarded(fn: (user: SessionUser) => Promise<ActionResult>): Promise<ActionResult> {
  try {
    const user = await requireRole("analyst");
    return await fn(user);
  } catch (e) {
    if (e instanceof NotAllowed || e instanceof DatabaseBusy) return { ok: false, error: e.message };
    return { ok: false, error: `Something went wrong: ${e instanceof Error ? e.message : String(e)}. Nothing was changed.` };
  }
}

export type SignInState = { ok: true; message: string } | { ok: false; error: string; account: string };

/** On a refusal the typed account name comes back, so the form keeps it (React resets a form after its action). */
export async function signInAction(_prev: SignInState | null, form: FormData): Promise<SignInState> {
  const account = String(form.get("account") ?? "").slice(0, 200);
  const r = await signIn(account, String(form.get("password") ?? ""));
  if (!r.ok) return { ok: false, error: r.error, account };
  revalidatePath("/", "layout");
  return { ok: true, message: `Signed in as ${r.user.name} (${r.user.role}).` };
}

export async function signOutAction(): Promise<void> {
  await signOut();
  revalidatePath("/", "layout");
}

export async function removePartitionAction(id: number): Promise<ActionResult> {
  return guarded(async (user) => {
    const { removed, runId } = await writeWhenFree((db) => {
      const removed = removePartition(db, id);
      const runId = removed ? enqueueRun(db, "rerun") : null;
      if (removed) recordAudit(db, user.name, "remove", removed.name, `run #${runId}`);
      return { removed, runId };
    });
    if (!removed || runId === null) return { ok: false, error: "That file is no longer in the data set." };
    kickWorker();
    revalidatePath("/runs");
    return { ok: true, message: `Removed ${removed.name}; run #${runId} started.`, runId };
  });
}

export async function rerunAction(): Promise<ActionResult> {
  return guarded(async (user) => {
    const runId = await writeWhenFree((db) => {
      const runId = enqueueRun(db, "rerun");
      recordAudit(db, user.name, "rerun", `run #${runId}`);
      return runId;
    });
    kickWorker();
    revalidatePath("/runs");
    return { ok: true, message: `Run #${runId} queued.`, runId };
  });
}

/** What the settings form sends: the domains as typed (one per line or comma-separated). */
export interface SettingsForm {
  includeBots: boolean;
  precedence: "utm" | "click_id";
  sessionTimeoutMinutes: number | string;
  ownDomains: string;
}

/** Saves the data set's settings and queues one rebuild with them (when one changed); a bad value changes nothing. */
export async function saveSettingsAction(form: SettingsForm): Promise<ActionResult> {
  return guarded(async (user) => {
    if (typeof form !== "object" || form === null) return { ok: false, error: "No settings were sent." };
    if (typeof form.includeBots !== "boolean") return { ok: false, error: "Say whether robots count as visitors." };
    if (form.precedence !== "utm" && form.precedence !== "click_id") return { ok: false, error: "Choose utm tags or the click id." };
    const timeout = checkSessionTimeout(form.sessionTimeoutMinutes);
    if (!timeout.ok) return { ok: false, error: timeout.error };
    const domains = parseOwnDomains(typeof form.ownDomains === "string" ? form.ownDomains : "");
    if (!domains.ok) return { ok: false, error: domains.error };
    const runId = await writeWhenFree((db) => {
      const changes = [
        writeSetting(db, "includeBots", form.includeBots, user.name) ? (form.includeBots ? "robots counted as visitors" : "robots left out") : null,
        writeSetting(db, "precedence", form.precedence, user.name) ? (form.precedence === "utm" ? "utm tags win over click ids" : "click ids win over utm tags") : null,
        writeSetting(db, "sessionTimeoutMinutes", timeout.value, user.name) ? `session timeout ${timeout.value} minutes` : null,
        writeSetting(db, "ownDomains", domains.value, user.name) ? `own domains: ${domains.value.length ? domains.value.join(", ") : "none besides the detected one"}` : null,
      ].filter((c): c is string => c !== null);
      if (changes.length === 0) return null;
      const runId = enqueueRun(db, "rerun");
      recordAudit(db, user.name, "setting", "data set", `${changes.join(", ")}; run #${runId}`);
      return runId;
    });
    if (runId === null) return { ok: true, message: "Nothing changed." };
    kickWorker();
    revalidatePath("/", "layout");
    return { ok: true, message: `Saved: run #${runId} rebuilds the data set with these settings.`, runId };
  });
}
