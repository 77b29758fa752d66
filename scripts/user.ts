/**
 * npm run user -- <command>: accounts from the command line (the same table the Accounts page
 * manages). Passwords are read from standard input (one line), never from the arguments, so they
 * stay out of shell history and process lists. Exit codes: 0 done; 1 refused; 2 bad arguments.
 */
import { createInterface } from "node:readline";
import { AccountError, addAccount, checkNewAccount, listAccounts, newPasswordHash, normalizeName, removeAccount, setPassword, setRole } from "@/lib/auth/accounts";
import { COMMAND_LINE, recordAudit } from "@/lib/auth/audit";
import { isRole, ROLES } from "@/lib/auth/roles";
import { migrateDatabase } from "@/lib/db/migrate";
import { DatabaseBusy, openSqlite, writeWhenFree } from "@/lib/db/sqlite";

export const USAGE = `Usage: npm run user -- <command>
  add <name> --role <viewer|analyst|admin>   add an account; its password is read from standard input
  password <name>                            set a new password (read from standard input); ends its sessions
  role <name> <viewer|analyst|admin>         change the role; ends its sessions
  remove <name>                              remove the account; ends its sessions
  list                                       every account with its role and open sessions
The password is one line on standard input, e.g. printf '%s\\n' "$PASSWORD" | npm run user -- add ana --role analyst
(typed at a terminal it is not echoed).`;

class UsageError extends Error {}

async function readPassword(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (stdin.isTTY) {
    process.stderr.write(prompt);
    stdin.setRawMode(true);
    return new Promise((resolve) => {
      let value = "";
      const onData = (buf: Buffer) => {
        for (const ch of buf.toString("utf8")) {
          if (ch === "\r" || ch === "\n") {
            stdin.setRawMode(false);
            stdin.off("data", onData);
            stdin.pause();
            process.stderr.write("\n");
            return resolve(value);
          }
          if (ch === "\u0003") process.exit(130);
          value = ch === "\u007f" ? value.slice(0, -1) : value + ch;
        }
      };
      stdin.on("data", onData);
      stdin.resume();
    });
  }
  const rl = createInterface({ input: stdin });
  for await (const line of rl) {
    rl.close();
    return line.replace(/\r$/, "");
  }
  return "";
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "--help" || command === "-h") {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  migrateDatabase();
  const db = openSqlite();
  try {
    switch (command) {
      case "list": {
        const accounts = listAccounts(db);
        if (accounts.length === 0) console.log("No accounts yet.");
        for (const a of accounts) console.log(`${a.name}\t${a.role}\t${a.activeSessions} open session(s)${a.bootstrap ? "\t(ANALYST_PASSWORD)" : ""}`);
        return 0;
      }
      case "add": {
        const name = rest[0];
        const at = rest.indexOf("--role");
        const role = at >= 0 ? rest[at + 1] : undefined;
        if (!name || name.startsWith("--") || !role) throw new UsageError("add needs a name and --role <viewer|analyst|admin>.");
        if (!isRole(role)) throw new UsageError(`Unknown role "${role}": use ${ROLES.join(", ")}.`);
        checkNewAccount(db, name, role);
        const hash = await newPasswordHash(await readPassword(`Password for ${normalizeName(name)}: `));
        await writeWhenFree((w) => {
          addAccount(w, name, role, hash);
          recordAudit(w, COMMAND_LINE, "user-add", normalizeName(name), role);
        });
        console.log(`Account ${normalizeName(name)} (${role}) added.`);
        return 0;
      }
      case "password": {
        const name = rest[0];
        if (!name) throw new UsageError("password needs an account name.");
        const hash = await newPasswordHash(await readPassword(`New password for ${normalizeName(name)}: `));
        await writeWhenFree((w) => {
          setPassword(w, name, hash);
          recordAudit(w, COMMAND_LINE, "user-password", normalizeName(name));
        });
        console.log(`Password of ${normalizeName(name)} changed; its sessions were ended.`);
        return 0;
      }
      case "role": {
        const [name, role] = rest;
        if (!name || !role) throw new UsageError("role needs an account name and a role.");
        if (!isRole(role)) throw new UsageError(`Unknown role "${role}": use ${ROLES.join(", ")}.`);
        await writeWhenFree((w) => {
          setRole(w, name, role);
          recordAudit(w, COMMAND_LINE, "user-role", normalizeName(name), role);
        });
        console.log(`${normalizeName(name)} is now ${role}; its sessions were ended.`);
        return 0;
      }
      case "remove": {
        const name = rest[0];
        if (!name) throw new UsageError("remove needs an account name.");
        await writeWhenFree((w) => {
          removeAccount(w, name);
          recordAudit(w, COMMAND_LINE, "user-remove", normalizeName(name));
        });
        console.log(`Account ${normalizeName(name)} removed.`);
        return 0;
      }
      default:
        throw new UsageError(`Unknown command "${command}".`);
    }
  } finally {
    db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof UsageError) {
      console.error(`${e.message}\n\n${USAGE}`);
      process.exitCode = 2;
    } else if (e instanceof AccountError || e instanceof DatabaseBusy) {
      console.error(e.message);
      process.exitCode = 1;
    } else {
      console.error(e instanceof Error ? e.message : String(e));
      process.exitCode = 1;
    }
  },
);
