import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { personId, personTimeline, stitchIdentities } from "./identity";

describe("people across devices (union-find over shared emails)", () => {
  it("links a chain of clients through different emails into one person, named by its smallest client id", () => {
    // c3 —e1— c2 —e2— c5 —e3— c1: one person; c4 alone; c6 and c7 share e4.
    const id = stitchIdentities(
      ["c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8"],
      [
        ["c3", "e1"],
        ["c2", "e1"],
        ["c2", "e2"],
        ["c5", "e2"],
        ["c5", "e3"],
        ["c1", "e3"],
        ["c4", "e9"],
        ["c7", "e4"],
        ["c6", "e4"],
        ["c3", "e1"],
      ],
      new Set(["c5", "c4", null]),
    );
    expect(["c1", "c2", "c3", "c5"].map((c) => personId(id, c))).toEqual(["c1", "c1", "c1", "c1"]);
    expect(personId(id, "c4")).toBe("c4");
    expect([personId(id, "c6"), personId(id, "c7")]).toEqual(["c6", "c6"]);
    expect(personId(id, "c8")).toBe("c8");
    // 8 clients, 4 persons: {c1,c2,c3,c5}, {c4}, {c6,c7}, {c8}; two of them multi-device; one of those bought (c5).
    expect({ clients: id.clients, persons: id.persons, multiDevicePersons: id.multiDevicePersons, multiDeviceBuyers: id.multiDeviceBuyers }).toEqual({ clients: 8, persons: 4, multiDevicePersons: 2, multiDeviceBuyers: 1 });
  });

  it("gives the same persons whatever the order of the pairs", () => {
    const pairs: [string, string][] = [["b", "x"], ["a", "y"], ["c", "x"], ["b", "y"], ["d", "z"]];
    const forward = stitchIdentities([], pairs, new Set());
    const backward = stitchIdentities([], [...pairs].reverse(), new Set());
    for (const c of ["a", "b", "c", "d"]) expect(personId(backward, c)).toBe(personId(forward, c));
    expect(["a", "b", "c"].map((c) => personId(forward, c))).toEqual(["a", "a", "a"]);
    expect(forward.persons).toBe(2);
  });

  it("leaves clients without an email as persons of their own", () => {
    const id = stitchIdentities(["a", "b"], [], new Set(["a"]));
    expect({ persons: id.persons, multiDevicePersons: id.multiDevicePersons, multiDeviceBuyers: id.multiDeviceBuyers }).toEqual({ persons: 2, multiDevicePersons: 0, multiDeviceBuyers: 0 });
  });

  it("links nobody through an unknown email: the hash of an empty email, or an empty value", () => {
    // SHA-256 of "" computed independently (node:crypto), in upper and lower case.
    const empty = createHash("sha256").update("").digest("hex");
    const id = stitchIdentities(["a", "b", "c", "d", "e"], [["a", empty], ["b", empty], ["c", empty.toUpperCase()], ["d", ""], ["e", " "], ["a", "real"], ["e", "real"]], new Set(["a", "b"]));
    expect(["a", "b", "c", "d", "e"].map((c) => personId(id, c))).toEqual(["a", "b", "c", "d", "a"]);
    expect({ persons: id.persons, multiDevicePersons: id.multiDevicePersons, multiDeviceBuyers: id.multiDeviceBuyers }).toEqual({ persons: 4, multiDevicePersons: 1, multiDeviceBuyers: 1 });
  });

  it("places a session among all the person's sessions: first visit, session number, returning, devices", () => {
    // p1 (phone) and p2 (laptop) share an email; s alone. Times in hours.
    const id = stitchIdentities(["p1", "p2", "s"], [["p1", "e"], ["p2", "e"]], new Set(["p2"]));
    const h = (n: number) => n * 3_600_000;
    const sessions = { length: 5, client_id: ["p1", "p1", "p2", "s", "s"], start_ts: [h(0), h(50), h(48), h(1), h(3)] };
    const t = personTimeline(id, sessions);
    // The laptop's first session (its own number 1, first seen at 48 h) is the person's 2nd: the phone came at 0 h.
    expect(t.firstSeen("p2", h(48))).toBe(h(0));
    expect(t.sessionNumber("p2", 1, h(48))).toBe(2);
    expect(t.isReturning("p2", false, h(48))).toBe(true);
    // The phone's second session (50 h) comes after the laptop's: the person's 3rd.
    expect(t.sessionNumber("p1", 2, h(50))).toBe(3);
    expect(t.isReturning("p1", false, h(0))).toBe(false);
    expect([t.devices("p1"), t.devices("p2"), t.devices("s")]).toEqual([2, 2, 1]);
    // A client of its own keeps its own figures.
    expect([t.firstSeen("s", h(1)), t.sessionNumber("s", 2, h(3)), t.isReturning("s", true, h(3))]).toEqual([h(1), 2, true]);
  });
});
