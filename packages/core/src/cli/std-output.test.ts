import { tempDir } from "@agent-plugin/test-utils";
import { closeSync, openSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { fdOutput, isTerminal } from "./std-output.js";

const failure = (code: string) => Object.assign(new Error(code), { code });

describe("fdOutput", () => {
  it("writes every byte in order when the OS takes a few at a time", () => {
    const taken: number[] = [];
    const out = fdOutput(1, (_fd, buffer, offset) => {
      const n = Math.min(3, buffer.length - offset);
      taken.push(...buffer.subarray(offset, offset + n));
      return n;
    });
    out("héllo, ");
    out("wörld\n");
    expect(Buffer.from(taken).toString("utf8")).toBe("héllo, wörld\n");
  });

  it("hands the rest and every later write to Node's stream once the pipe is full (EAGAIN)", () => {
    const streamed: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation((data) => {
      streamed.push(Buffer.from(data as Uint8Array).toString("utf8"));
      return true;
    });
    let calls = 0;
    const out = fdOutput(1, (_fd, _buffer, offset) => {
      calls++;
      if (offset === 0) return 4;
      throw failure("EAGAIN");
    });
    out("abcdefgh");
    out("ij");
    expect(streamed).toEqual(["efgh", "ij"]);
    expect(calls).toBe(2);
  });

  it("drops the rest quietly when the reader has gone (EPIPE), and never throws", () => {
    let calls = 0;
    const out = fdOutput(2, () => {
      calls++;
      throw failure("EPIPE");
    });
    expect(() => out("one\n")).not.toThrow();
    expect(() => out("two\n")).not.toThrow();
    expect(calls).toBe(1);
  });
});

describe("isTerminal", () => {
  it("is false for a file and for a character device that is not a terminal", () => {
    const file = join(tempDir(), "out.txt");
    const fd = openSync(file, "w");
    const devNull = openSync("/dev/null", "w");
    try {
      expect(isTerminal(fd)).toBe(false);
      expect(isTerminal(devNull)).toBe(false);
      expect(isTerminal(987654)).toBe(false);
    } finally {
      closeSync(fd);
      closeSync(devNull);
    }
    expect(readFileSync(file, "utf8")).toBe("");
  });
});
