import { describe, expect, it } from "vitest";
import { personId, stitchIdentities } from "./identity";

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
});
