import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createContextInner } from "~/server/api/trpc";
import { loadSessionUser } from "~/server/auth/session-user";
import { ManualClock } from "~/server/clock";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { createClient, createSkill } from "../support/factories";
import { postMutation } from "../support/http-trpc";

let database: TestDatabase;
const clock = new ManualClock("2027-05-03T12:00:00Z");
let context: ReturnType<typeof createContextInner>;

const valid = {
  title: "Plan a week of posts",
  description: "Draft captions for seven posts with at most three hashtags each.",
  skills: ["social-media"],
};

beforeAll(async () => {
  database = await createTestDatabase();
  await createSkill(database.prisma, { slug: "social-media", name: "Social media" });
  await createSkill(database.prisma, { slug: "content-writing", name: "Content writing" });
  const client = await createClient(database.prisma, { trialStartedAt: clock.now() });
  const user = await loadSessionUser(database.prisma, client.userId);
  context = createContextInner({ db: database.prisma, user, clock });
});

afterAll(async () => {
  await database.close();
});

const rejected = [
  { name: "title too short", input: { title: "Hi" }, field: "title", message: /at least 3/ },
  { name: "title too long", input: { title: "x".repeat(121) }, field: "title", message: /at most 120/ },
  { name: "title with a control character", input: { title: "Plan\u0007posts" }, field: "title", message: /control characters/ },
  { name: "description too short", input: { description: "Too short" }, field: "description", message: /at least 10/ },
  { name: "description too long", input: { description: "x".repeat(10_001) }, field: "description", message: /at most 10,000/ },
  { name: "no skills", input: { skills: [] }, field: "skills", message: /at least 1/ },
  { name: "six skills", input: { skills: ["a", "b", "c", "d", "e", "f"] }, field: "skills", message: /at most 5/ },
  { name: "unknown skill", input: { skills: ["juggling"] }, field: "skills", message: /Unknown skill: juggling/ },
  { name: "due date in the past", input: { dueAt: "2027-05-03T11:59:00Z" }, field: "dueAt", message: /future/ },
  { name: "due date without offset", input: { dueAt: "2027-05-04T12:00:00" }, field: "dueAt", message: /offset or Z/ },
  { name: "zero time limit", input: { timeLimitMinutes: 0 }, field: "timeLimitMinutes", message: /more than 0/ },
  { name: "time limit over the largest plan", input: { timeLimitMinutes: 2401 }, field: "timeLimitMinutes", message: /at most 2400/ },
  { name: "ftp link", input: { referenceLinks: ["https://ok.example", "ftp://files.example/x"] }, field: "referenceLinks.1", message: /http:\/\/ or https:\/\// },
  { name: "javascript link", input: { referenceLinks: ["javascript:alert(1)"] }, field: "referenceLinks.0", message: /http:\/\/ or https:\/\// },
  { name: "team preference on a trial", input: { preference: "team" }, field: "preference", message: /trial/ },
];

describe("brief fields", () => {
  for (const testCase of rejected) {
    it(`rejects ${testCase.name}`, async () => {
      const result = await postMutation(context, "brief.submit", { ...valid, ...testCase.input });

      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.status).toBe(400);
        expect(result.fieldErrors?.[testCase.field]).toMatch(testCase.message);
      }
    });
  }

  it("stores emoji, CJK and right-to-left text intact", async () => {
    const title = "Café 🚀 発注リスト مرحبا";
    const result = await postMutation(context, "brief.submit", { ...valid, title: `  ${title}  `, skills: ["social-media", "social-media", "content-writing"] });

    expect(result.ok).toBe(true);
    const task = await database.prisma.task.findFirstOrThrow({ where: { title }, include: { skills: true } });
    expect(task.title).toBe(title);
    expect(task.skills).toHaveLength(2);
  });

  it("stores markup as plain text", async () => {
    const title = "<script>alert('x')</script> list";
    const result = await postMutation(context, "brief.submit", { ...valid, title });

    expect(result.ok).toBe(true);
    expect(await database.prisma.task.count({ where: { title } })).toBe(1);
  });
});
