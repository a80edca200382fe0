import { describe, expect, it } from "vitest";
import { limiter } from "./process.js";

describe("limiter", () => {
  it("runs at most `limit` at once, the others in the order they asked, and passes results and errors through", async () => {
    const limit = limiter(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const work = (index: number) =>
      limit(async () => {
        started.push(index);
        running++;
        most = Math.max(most, running);
        await new Promise((wake) => setTimeout(wake, 5));
        running--;
        if (index === 3) throw new Error("three");
        return index * 10;
      });
    const outcomes = await Promise.allSettled([0, 1, 2, 3, 4].map(work));
    expect(most).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(
      outcomes.map((outcome) => (outcome.status === "fulfilled" ? outcome.value : outcome.reason.message)),
    ).toEqual([0, 10, 20, "three", 40]);
    // A failure gives its slot back: the limiter still runs two at once.
    expect(await Promise.all([work(5), work(6)])).toEqual([50, 60]);
  });
});
