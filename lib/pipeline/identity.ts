/**
 * People across devices. A person is the set of client ids connected through a shared
 * `user_email` (a SHA-256 hash on purchases and email captures): union-find over clients, an email
 * linking every client it was seen with, before and after the capture. A person's id is the
 * smallest of its client ids (so it does not depend on the order the data arrives in); a client
 * never seen with an email is a person of its own.
 */

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
