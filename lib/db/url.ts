/** The SQLite database location: `DATABASE_URL` (`file:./dev.db` by default), relative to the working directory. */
export function databaseUrl(): string {
  return process.env.DATABASE_URL ?? "file:./dev.db";
}

export function databasePath(url = databaseUrl()): string {
  if (!url.startsWith("file:")) throw new Error(`DATABASE_URL must be a SQLite file URL (file:./name.db), got "${url}".`);
  return url.slice("file:".length);
}
