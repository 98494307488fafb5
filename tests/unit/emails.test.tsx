import { describe, expect, it } from "vitest";

import {
  emailSubject,
  emailTemplates,
  EMAIL_TEMPLATE_NAMES,
  InvalidEmailPayloadError,
  renderEmail,
  toSubjectLine,
  UnknownEmailTemplateError,
} from "~/emails";
import { formatMinutes, truncateText } from "~/emails/components/format";

const HOSTILE = "<script>alert(1)</script> 🚀 納品チェック";
const ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt; 🚀 納品チェック";

/** Templates whose props carry a task title that a client typed. */
const TITLED = EMAIL_TEMPLATE_NAMES.filter((name) => "taskTitle" in emailTemplates[name].component.PreviewProps);

function withTitle(name: (typeof EMAIL_TEMPLATE_NAMES)[number], title: string): Record<string, unknown> {
  return { ...emailTemplates[name].component.PreviewProps, taskTitle: title };
}

describe("email templates", () => {
  it("registry has one template per notified event", () => {
    expect(EMAIL_TEMPLATE_NAMES).toHaveLength(21);
    for (const name of EMAIL_TEMPLATE_NAMES) {
      expect(emailTemplates[name].name).toBe(name);
    }
  });

  it.each(EMAIL_TEMPLATE_NAMES)("%s renders HTML and text from preview props", async (name) => {
    const email = await renderEmail(name, emailTemplates[name].component.PreviewProps);

    expect(email.html).toMatch(/^<!DOCTYPE html/);
    expect(email.html).toContain("</html>");
    expect(email.text.length).toBeGreaterThan(50);
    expect(email.text).not.toContain("<");
    expect(email.subject.length).toBeGreaterThan(0);
    expect(email.subject).not.toMatch(/[\r\n]/);
  });

  it("covers enough templates with a task title", () => {
    expect(TITLED.length).toBeGreaterThanOrEqual(12);
  });

  it.each(TITLED)("%s escapes a hostile title in HTML", async (name) => {
    const email = await renderEmail(name, withTitle(name, HOSTILE));

    expect(email.html).not.toContain("<script>");
    expect(email.html).toContain(ESCAPED);
  });

  it.each(TITLED)("%s keeps the title intact in text", async (name) => {
    const email = await renderEmail(name, withTitle(name, HOSTILE));

    expect(email.text).toContain(HOSTILE);
  });

  it.each(TITLED)("%s subject has no line breaks", async (name) => {
    const payload = withTitle(name, `Invoices\r\nBcc: victim@example.com\n${HOSTILE}`);
    const email = await renderEmail(name, payload);

    expect(email.subject).not.toMatch(/[\r\n]/);
    expect(emailSubject(name, payload)).toBe(email.subject);
  });

  it("escapes messages and notes people wrote", async () => {
    const message = await renderEmail("new-message", {
      ...emailTemplates["new-message"].component.PreviewProps,
      latestMessage: `<img src=x onerror=alert(1)> ${HOSTILE}`,
      senderName: "Eve <eve@example.com>",
    });

    expect(message.html).not.toContain("<img src=x");
    expect(message.html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(message.html).toContain("Eve &lt;eve@example.com&gt;");
    expect(message.text).toContain(HOSTILE);
  });

  it("keeps line breaks of a quoted note", async () => {
    const email = await renderEmail("changes-requested", {
      ...emailTemplates["changes-requested"].component.PreviewProps,
      note: "First line\nSecond line",
    });

    expect(email.html).toContain("First line<br/>Second line");
    expect(email.text).toContain("First line\nSecond line");
  });

  it("offer says whether the client is on a trial", async () => {
    const preview = emailTemplates["offer-available"].component.PreviewProps;
    const trial = await renderEmail("offer-available", { ...preview, clientPlan: "trial" });
    const paid = await renderEmail("offer-available", { ...preview, clientPlan: "paid" });

    expect(trial.text).toContain("free trial");
    expect(paid.text).toContain("paid plan");
    expect(trial.text).toContain(preview.dashboardUrl);
  });

  it("blocked email states until when and why", async () => {
    const email = await renderEmail("blocked", {
      ...emailTemplates.blocked.component.PreviewProps,
      blockedUntil: "2026-03-17T15:00:00.000Z",
      timeZone: "Europe/Paris",
      reason: "Two lapses in 30 days",
    });

    expect(email.text).toContain("17 Mar 2026");
    expect(email.text).toContain("16:00");
    expect(email.text).toContain("Two lapses in 30 days");
  });

  it("sign-in link appears in both parts", async () => {
    const url = "http://localhost:3000/api/auth/callback/email?token=abc&email=sam%40example.com";
    const email = await renderEmail("sign-in-link", { url, expiresAt: "2026-03-10T15:15:00.000Z" });

    expect(email.html).toContain('href="http://localhost:3000/api/auth/callback/email?token=abc&amp;email=sam%40example.com"');
    expect(email.text).toContain(url);
  });

  it("trial-ending escapes listed task titles", async () => {
    const preview = emailTemplates["trial-ending"].component.PreviewProps;
    const email = await renderEmail("trial-ending", { ...preview, tasks: [{ title: HOSTILE, minutes: 30, state: "done" }] });

    expect(email.html).not.toContain("<script>");
    expect(email.html).toContain(ESCAPED);
    expect(email.text).toContain(HOSTILE);
  });

  it("trial-ending counts tasks beyond the list", async () => {
    const preview = emailTemplates["trial-ending"].component.PreviewProps;
    const email = await renderEmail("trial-ending", { ...preview, stage: "used_up", minutesLeft: 0, moreTasks: 3 });

    expect(email.subject).toBe("Your free trial time is used up");
    expect(email.text).toContain("worked 48 min on 5 tasks");
    expect(email.text).toContain("…and 3 more tasks.");
    expect(email.text).toContain(preview.upgradeUrl);
  });

  it("rejects a payload that does not match", async () => {
    await expect(renderEmail("welcome", { recipientName: "Sam" })).rejects.toBeInstanceOf(InvalidEmailPayloadError);
    await expect(
      renderEmail("sign-in-link", { url: "javascript:alert(1)", expiresAt: "2026-03-10T15:15:00.000Z" }),
    ).rejects.toBeInstanceOf(InvalidEmailPayloadError);
  });

  it("rejects an unknown template name", async () => {
    await expect(renderEmail("no-such-template", {})).rejects.toBeInstanceOf(UnknownEmailTemplateError);
    await expect(renderEmail("toString", {})).rejects.toBeInstanceOf(UnknownEmailTemplateError);
  });
});

describe("toSubjectLine", () => {
  it.each([
    ["a\r\nb", "a b"],
    ["a\nb\rc", "a b c"],
    ["tab\there", "tab here"],
    ["line\u2028separator", "line separator"],
    ["  spaced   out  ", "spaced out"],
    ["🚀 納品", "🚀 納品"],
  ])("turns %j into %j", (input, expected) => {
    expect(toSubjectLine(input)).toBe(expected);
  });
});

describe("format helpers", () => {
  it("formats minutes as hours and minutes", () => {
    expect(formatMinutes(45)).toBe("45 min");
    expect(formatMinutes(65)).toBe("1 h 05 min");
    expect(formatMinutes(-3)).toBe("0 min");
  });

  it("truncates without splitting an emoji", () => {
    expect(truncateText("🚀🚀🚀🚀", 3)).toBe("🚀🚀…");
    expect(truncateText("short", 10)).toBe("short");
  });
});
