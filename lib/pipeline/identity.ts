/**
 * People across devices. A person is the set of client ids connected through a shared
 * `user_email` (a SHA-256 hash on purchases and email captures): union-find over clients, an email
 * linking every client it was seen with, before and after the capture. A person's id is the
 * smallest of its client ids (so it does not depend on the order the data arrives in); a client
 * never seen with an email is a person of its own. The hash of an empty email (SHA-256 of "") is
 * an unknown email, not an address: it links nobody (else every buyer whose tracking hashed a
 * missing email would become one person).
 */

/** SHA-256 of the empty string: what a tracker that hashes a missing email sends. */
export const EMPTY_EMAIL_HASH = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

export interface Identity {
  /** Client id → person id (only clients linked to another; any other client is its own person). */
  personOf: Map<string, string>;
  clients: number;
  persons: number;
  /** Persons with more than one client id. */
  multiDevicePersons: number;
  /** Of those, persons with an order. */
  multiDeviceBuyers: number;
}

/** A client's person id. */
export const personId = (identity: Pick<Identity, "personOf">, client: string): string => identity.personOf.get(client) ?? client;

/**
 * @param clients every client id of the data set
 * @param pairs (client id, email) as seen on events
 * @param buyers client ids with an order
 */
export function stitchIdentities(clients: Iterable<string>, pairs: Iterable<readonly [string, string]>, buyers: ReadonlySet<string | null>): Identity {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    for (let p = parent.get(root); p !== undefined && p !== root; p = parent.get(root)) root = p;
    // Path compression: every client on the way points at the root.
    for (let y = x, p = parent.get(y); p !== undefined && p !== root; p = parent.get(y)) {
      parent.set(y, root);
      y = p;
    }
    return root;
  };
  const union = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) return;
    // The smaller id becomes the root: the person id is the smallest client id, whatever the order.
    if (ra < rb) parent.set(rb, ra);
    else parent.set(ra, rb);
  };
  const firstClientOf = new Map<string, string>();
  for (const [client, email] of pairs) {
    if (!parent.has(client)) parent.set(client, client);
    if (email.trim() === "" || email.toLowerCase() === EMPTY_EMAIL_HASH) continue;
    const other = firstClientOf.get(email);
    if (other === undefined) firstClientOf.set(email, client);
    else union(client, other);
  }
  const all = new Set(clients);
  for (const c of parent.keys()) all.add(c);
  const personOf = new Map<string, string>();
  const size = new Map<string, number>();
  for (const c of parent.keys()) {
    const root = find(c);
    size.set(root, (size.get(root) ?? 0) + 1);
    if (root !== c) personOf.set(c, root);
  }
  let multiDevicePersons = 0;
  const multiRoots = new Set<string>();
  for (const [root, n] of size) {
    if (n > 1) {
      multiDevicePersons++;
      multiRoots.add(root);
    }
  }
  const buyingRoots = new Set<string>();
  for (const b of buyers) if (b !== null && multiRoots.has(personId({ personOf }, b))) buyingRoots.add(personId({ personOf }, b));
  return { personOf, clients: all.size, persons: all.size - personOf.size, multiDevicePersons, multiDeviceBuyers: buyingRoots.size };
}

/**
 * When a person was first seen and how many sessions came before a given one, over the sessions of
 * all the person's clients (robots' too, as a client's session numbers count them). A client that is
 * its own person keeps its own figures; only the sessions of persons with several clients are
 * gathered (a handful), sorted by start.
 */
export interface PersonTimeline {
  /** The person's first session start (ms); `clientFirst` is the client's own. */
  firstSeen(client: string, clientFirst: number): number;
  /** 1 + the person's sessions that started before `start` (1 = the person's first session); `sessionNumber` is the client's own. */
  sessionNumber(client: string, sessionNumber: number, start: number): number;
  /** The person had a session that started before `start` (on any device); `clientReturning` is the client's own flag. */
  isReturning(client: string, clientReturning: boolean, start: number): boolean;
  /** Client ids of the person (1 for a client never joined to another). */
  devices(client: string): number;
}

export function personTimeline(identity: Pick<Identity, "personOf">, sessions: { length: number; client_id: readonly string[]; start_ts: ArrayLike<number> }): PersonTimeline {
  const multi = new Set(identity.personOf.values());
  const devices = new Map<string, number>();
  for (const root of identity.personOf.values()) devices.set(root, (devices.get(root) ?? 1) + 1);
  const starts = new Map<string, number[]>();
  for (let i = 0; i < sessions.length; i++) {
    const p = personId(identity, sessions.client_id[i]!);
    if (!multi.has(p)) continue;
    let list = starts.get(p);
    if (!list) starts.set(p, (list = []));
    list.push(sessions.start_ts[i]!);
  }
  for (const list of starts.values()) list.sort((a, b) => a - b);
  /** Sessions of the list that started before `start` (binary search). */
  const before = (list: number[], start: number) => {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]! < start) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const listOf = (client: string) => starts.get(personId(identity, client));
  return {
    firstSeen: (client, clientFirst) => listOf(client)?.[0] ?? clientFirst,
    sessionNumber: (client, sessionNumber, start) => {
      const list = listOf(client);
      return list ? before(list, start) + 1 : sessionNumber;
    },
    isReturning: (client, clientReturning, start) => {
      const list = listOf(client);
      return list ? before(list, start) > 0 : clientReturning;
    },
    devices: (client) => devices.get(personId(identity, client)) ?? 1,
  };
}
