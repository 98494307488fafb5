import { describe, expect, it } from "vitest";

import { splitLinks, type TextPart } from "~/app/(dashboards)/_components/linkify";

const joined = (parts: TextPart[]) => parts.map((part) => part.text).join("");

describe("splitLinks", () => {
  it("keeps text without addresses as one part", () => {
    expect(splitLinks("No links here.")).toEqual([{ kind: "text", text: "No links here." }]);
  });

  it("links an https address inside a sentence", () => {
    const parts = splitLinks("See https://docs.example/sheet?tab=2 for the list.");

    expect(parts).toEqual([
      { kind: "text", text: "See " },
      { kind: "link", text: "https://docs.example/sheet?tab=2", href: "https://docs.example/sheet?tab=2" },
      { kind: "text", text: " for the list." },
    ]);
  });

  it("leaves sentence punctuation out of the link", () => {
    const parts = splitLinks("Done: https://example.com/a.");

    expect(parts[1]).toEqual({ kind: "link", text: "https://example.com/a", href: "https://example.com/a" });
    expect(parts[2]).toEqual({ kind: "text", text: "." });
  });

  it("keeps balanced parentheses in the address", () => {
    const parts = splitLinks("(see https://en.example.org/wiki/Tea_(drink))");

    expect(parts[1]?.text).toBe("https://en.example.org/wiki/Tea_(drink)");
    expect(parts[2]?.text).toBe(")");
  });

  it("adds https to a www address", () => {
    expect(splitLinks("www.example.com")).toEqual([{ kind: "link", text: "www.example.com", href: "https://www.example.com/" }]);
  });

  it("never links other schemes", () => {
    const text = `javascript:alert(1) and <a href="https://x.example">x</a> data:text/html,hi`;
    const links = splitLinks(text).filter((part) => part.kind === "link");

    expect(links.map((link) => link.text)).toEqual(["https://x.example"]);
  });

  it("joins back to the input", () => {
    const text = "Line one https://a.example/x,\nline two www.b.example! and (https://c.example).";

    expect(joined(splitLinks(text))).toBe(text);
  });
});
