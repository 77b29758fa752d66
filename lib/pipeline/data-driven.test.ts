import { describe, expect, it } from "vitest";
import { addNonConverting, JourneySet, shapleyValues, weightsByChannelValue } from "./data-driven";
import { modelWeights, splitCents } from "./attribution";

const journeySet = (paths: [string[], boolean][]) => {
  const j = new JourneySet();
  for (const [path, converted] of paths) j.add(path, converted);
  return j;
};

describe("Markov chain attribution (two channels, solved on paper)", () => {
  // Journeys: A>B converts, B converts, A does not, B does not.
  // Transition counts: start>A 2, start>B 2; A>B 1, A>null 1; B>conv 2, B>null 1.
  //   P(start>A) = P(start>B) = 1/2; P(A>B) = P(A>null) = 1/2; P(B>conv) = 2/3, P(B>null) = 1/3.
  // Absorption: x_B = 2/3; x_A = 1/2 x_B = 1/3; P(conversion) = 1/2 x_A + 1/2 x_B = 1/2.
  // Without A (A is null): P = 1/2 * 2/3 = 1/3, removal effect 1 - (1/3)/(1/2) = 1/3.
  // Without B: A can only reach conversion through B, so P = 0, removal effect 1.
  const j = journeySet([
    [["Paid Search", "Email"], true],
    [["Email"], true],
    [["Paid Search"], false],
    [["Email"], false],
  ]);
  const m = j.markov();

  it("estimates the transition matrix from the journeys", () => {
    expect(m.states).toEqual(["Paid Search", "Email"]); // CHANNELS order
    // rows: Paid Search, Email, start; columns: Paid Search, Email, conversion, null
    const p = m.probabilities.map((row) => row.map((v) => Math.round(v * 1e12) / 1e12));
    const r = (v: number) => Math.round(v * 1e12) / 1e12;
    expect(p).toEqual([
      [0, 0.5, 0, 0.5],
      [0, 0, r(2 / 3), r(1 / 3)],
      [0.5, 0.5, 0, 0],
    ]);
  });

  it("solves the conversion probability and the removal effects", () => {
    expect(m.conversion).toBeCloseTo(1 / 2, 12);
    expect(m.removalEffects.get("Paid Search")).toBeCloseTo(1 / 3, 12);
    expect(m.removalEffects.get("Email")).toBeCloseTo(1, 12);
  });

  it("splits an order's revenue over its journey's channels by removal effect", () => {
    const touches = [{ ts: 1, channel: "Paid Search" }, { ts: 2, channel: "Email" }];
    const w = modelWeights("markov", touches, 3, { markov: m.removalEffects, shapley: new Map() });
    // 1/3 : 1 = 1/4 : 3/4
    expect(w[0]).toBeCloseTo(1 / 4, 12);
    expect(w[1]).toBeCloseTo(3 / 4, 12);
    expect(splitCents(10_001, w)).toEqual([2500, 7501]);
  });

  it("solves a chain with a cycle (a linear system, not a path sum)", () => {
    // A>B converts, B>A does not, A does not. start>A 2/3, start>B 1/3; A>B 1/3, A>null 2/3;
    // B>conv 1/2, B>A 1/2. x_A = 1/3 x_B, x_B = 1/2 + 1/2 x_A => x_B = 3/5, x_A = 1/5;
    // P = 2/3 * 1/5 + 1/3 * 3/5 = 1/3. Without A: x_B = 1/2, P = 1/6, effect 1/2. Without B: 0, effect 1.
    const c = journeySet([
      [["Paid Search", "Email"], true],
      [["Email", "Paid Search"], false],
      [["Paid Search"], false],
    ]).markov();
    expect(c.conversion).toBeCloseTo(1 / 3, 12);
    expect(c.removalEffects.get("Paid Search")).toBeCloseTo(1 / 2, 12);
    expect(c.removalEffects.get("Email")).toBeCloseTo(1, 12);
  });

  it("repeated touches of one channel do not change the absorption probabilities", () => {
    const once = journeySet([[["Email", "Direct"], true], [["Email"], false]]).markov();
    const twice = journeySet([[["Email", "Email", "Direct"], true], [["Email"], false]]).markov();
    expect(twice.conversion).toBeCloseTo(once.conversion, 12);
    for (const c of ["Email", "Direct"]) expect(twice.removalEffects.get(c)).toBeCloseTo(once.removalEffects.get(c)!, 12);
  });
});

describe("Shapley value attribution (three channels, solved on paper)", () => {
  // Converting journeys by channel set: {A} 3, {A,B} 2, {B,C} 1, {A,B,C} 1 (A Paid Search, B Email, C Direct).
  // v(S) = conversions whose set lies within S:
  //   v(A)=3 v(B)=0 v(C)=0 v(AB)=5 v(AC)=3 v(BC)=1 v(ABC)=7.
  // phi_A = 1/3 [v(A)-0] + 1/6 [v(AB)-v(B)] + 1/6 [v(AC)-v(C)] + 1/3 [v(ABC)-v(BC)]
  //       = 1/3*3 + 1/6*5 + 1/6*3 + 1/3*6 = 1 + 5/6 + 1/2 + 2 = 13/3
  // phi_B = 1/3*0 + 1/6 [5-3] + 1/6 [1-0] + 1/3 [7-3] = 1/3 + 1/6 + 4/3 = 11/6
  // phi_C = 1/3*0 + 1/6 [3-3] + 1/6 [1-0] + 1/3 [7-5] = 1/6 + 2/3 = 5/6
  // Sum 13/3 + 11/6 + 5/6 = 7 = v(ABC).
  const j = journeySet([
    [["Paid Search"], true],
    [["Paid Search"], true],
    [["Paid Search", "Paid Search"], true],
    [["Paid Search", "Email"], true],
    [["Email", "Paid Search", "Email"], true],
    [["Email", "Direct"], true],
    [["Direct", "Email", "Paid Search"], true],
    [["Direct"], false], // non-converting journeys do not enter this game
  ]);
  const phi = j.shapley();

  it("gives each channel its hand-computed value, summing to the conversions", () => {
    expect(phi.get("Paid Search")).toBeCloseTo(13 / 3, 12);
    expect(phi.get("Email")).toBeCloseTo(11 / 6, 12);
    expect(phi.get("Direct")).toBeCloseTo(5 / 6, 12);
    expect([...phi.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(7, 12);
  });

  it("computes exact values of any game over its coalitions (the glove game)", () => {
    // Players 0, 1 hold left gloves, 2 a right glove: v = 1 for {0,2}, {1,2}, {0,1,2}.
    const v = [0, 0, 0, 0, 0, 1, 1, 1]; // mask bit i = player i
    const s = shapleyValues(v, 3);
    expect(s[0]).toBeCloseTo(1 / 6, 12);
    expect(s[1]).toBeCloseTo(1 / 6, 12);
    expect(s[2]).toBeCloseTo(2 / 3, 12);
  });

  it("splits an order over its journey's channels by Shapley value, a channel's share equally over its touches", () => {
    const touches = [{ ts: 1, channel: "Email" }, { ts: 2, channel: "Paid Search" }, { ts: 3, channel: "Email" }];
    const w = modelWeights("shapley", touches, 4, { markov: new Map(), shapley: phi });
    // Email 11/6 : Paid Search 13/3 = 11 : 26 of 37; Email's 11/37 halved over its two touches.
    expect(w[0]).toBeCloseTo(11 / 74, 12);
    expect(w[1]).toBeCloseTo(26 / 37, 12);
    expect(w[2]).toBeCloseTo(11 / 74, 12);
  });
});

describe("journeys", () => {
  it("falls back to equal shares when the journey's channels have no value", () => {
    expect(weightsByChannelValue([{ channel: "X" }, { channel: "Y" }], new Map([["X", 0], ["Y", 0]]))).toEqual([0.5, 0.5]);
    expect(weightsByChannelValue([{ channel: "X" }, { channel: "Y" }], new Map([["X", 1]]))).toEqual([0.5, 0.5]);
  });

  it("takes non-converting journeys from clients without an order: their sessions within the lookback before their last session", () => {
    const DAY = 86_400_000;
    // Client a (buyer) is skipped. Client b: sessions at day 0 (Email), 5 (Direct), 9 (Paid Search):
    // 7-day journey = Direct, Paid Search; 30-day journey = all three. Client c: one session.
    const sessions = {
      length: 5,
      client_id: ["a", "b", "b", "b", "c"],
      start_ts: [0, 0, 5 * DAY, 9 * DAY, 3 * DAY],
      channel: ["Email", "Email", "Direct", "Paid Search", "Referral"],
    };
    const week = new JourneySet();
    const month = new JourneySet(week.channelIndex);
    const expectedWeek = new JourneySet();
    const expectedMonth = new JourneySet();
    addNonConverting([{ lookback: 7, journeys: week }, { lookback: 30, journeys: month }], sessions, new Set(["a", null]));
    expectedWeek.add(["Direct", "Paid Search"], false);
    expectedWeek.add(["Referral"], false);
    expectedMonth.add(["Email", "Direct", "Paid Search"], false);
    expectedMonth.add(["Referral"], false);
    // One converting journey each, so the chains are defined.
    for (const j of [week, month, expectedWeek, expectedMonth]) j.add(["Paid Search"], true);
    expect(week.nonConverting).toBe(2);
    expect(week.markov()).toEqual(expectedWeek.markov());
    expect(month.markov()).toEqual(expectedMonth.markov());
  });
});
