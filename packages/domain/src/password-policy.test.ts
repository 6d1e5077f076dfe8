import { describe, expect, it } from "vitest";
import { COMMON_PASSWORDS } from "./common-passwords.ts";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password-lengths.ts";
import { passwordProblem } from "./password-policy.ts";

const owner = { email: "wren.walker@council.example", name: "Wren Walker" };

describe("passwordProblem", () => {
  it.each([
    "correct horse battery staple",
    "purple-otter-lends-a-kettle",
    "Tg8#qL2!vZp9",
    "837261940385",
    "le café est très bon ce matin",
    "ночь улица фонарь аптека",
  ])("accepts %j: long, uncommon, no pattern; no composition rules", (password) => {
    expect(passwordProblem(password, owner)).toBeNull();
  });

  it("counts characters, not bytes: 12 emoji are enough and 11 are not", () => {
    expect(passwordProblem("🦊🐙🦉🐢🦔🐝🦋🐞🦀🐬🦜🐌", owner)).toBeNull();
    expect(passwordProblem("🦊🐙🦉🐢🦔🐝🦋🐞🦀🐬🦜", owner)).toMatch(/at least 12 characters \(this has 11\)/);
  });

  it("draws the length lines at exactly 12 and 256", () => {
    const long = (n: number) => Array.from({ length: n }, (_, i) => "kq7vxm2zrb9w"[i % 11]).join("");
    expect(passwordProblem(long(PASSWORD_MIN_LENGTH - 1), owner)).toMatch(/at least 12/);
    expect(passwordProblem(long(PASSWORD_MIN_LENGTH), owner)).toBeNull();
    expect(passwordProblem(long(PASSWORD_MAX_LENGTH), owner)).toBeNull();
    expect(passwordProblem(long(PASSWORD_MAX_LENGTH + 1), owner)).toMatch(/256 characters or fewer/);
  });

  it.each(["password1234", "Password1234!", "P@ssw0rd2026!", "qwertyuiop123", "iloveyou2024!!", "Pass-word 2026", "!!Liverpool!!2026", "demo-password-1-2"])(
    "refuses the common %j, also dressed up with case, digits, symbols or look-alike characters",
    (password) => {
      expect(passwordProblem(password, owner)).toMatch(/too common/);
    },
  );

  it.each(["aaaaaaaaaaaa", "abcabcabcabc", "123456789012", "zyxwvutsrqpo", "1qaz2wsx3edc4rfv", "asdfghjklzxc", "passwordpassword"])("refuses the pattern %j", (password) => {
    expect(passwordProblem(password, owner)).toMatch(/too common|pattern/);
  });

  it.each([
    ["wren.walker@council.example", /email address/],
    ["WREN.WALKER2026!", /email address/],
    ["walker likes long lunches", /your name/],
    ["Wren2026-and-counting", /your name/],
    ["greentape-rocks-2026", /this service/],
    ["I use Green Tape every day", /this service/],
  ])("refuses %j, guessable from the account or the service", (password, message) => {
    expect(passwordProblem(password, owner)).toMatch(message);
  });

  it("refuses a short name only when it is the whole password bar digits", () => {
    const al = { email: "al@council.example", name: "Al Li" };
    expect(passwordProblem("al1234567890", al)).toMatch(/email address|your name/);
    expect(passwordProblem("always look on the bright side", al)).toBeNull();
  });

  it("ships a list of well over a thousand entries, all lower case", () => {
    expect(COMMON_PASSWORDS.size).toBeGreaterThan(1000);
    for (const entry of COMMON_PASSWORDS) expect(entry).toBe(entry.toLowerCase());
    expect(COMMON_PASSWORDS.has("greentape123456")).toBe(true);
  });
});
