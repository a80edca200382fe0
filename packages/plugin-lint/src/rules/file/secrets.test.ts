import { describe, expect, it } from "vitest";
import { findSecrets } from "./secrets.js";

// Built from parts, so this file holds no token-shaped text of its own.
const awsKey = ["wJalrXUtnFEMI", "K7MDENG", "bPxRfiCYEXAMPLEKEY"].join("/");

describe("findSecrets", () => {
  it("finds an AWS secret access key under its assignment in any case, and only the key", () => {
    for (const name of ["aws_secret_access_key", "AWS_SECRET_ACCESS_KEY", "Aws_Secret_Access_Key"]) {
      const text = `# config\n${name} = "${awsKey}"\n`;
      expect(findSecrets(text)).toEqual([
        { kind: "an AWS secret access key", offset: text.indexOf(awsKey), length: awsKey.length },
      ]);
    }
  });

  it("finds nothing in text that holds no pattern's literal prefix", () => {
    expect(findSecrets(`aws secret access key ${awsKey}\nsk_test ghp- AKI eyj\n`)).toEqual([]);
  });
});
