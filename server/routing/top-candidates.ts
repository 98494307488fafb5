import type { Prisma } from "../db/generated/client";
import { findEligibleAssistants, type EligibilityQuery } from "./eligibility";
import { rankCandidates, type RankingContext } from "./ranking";

type Tx = Prisma.TransactionClient;

/** Returns the best `count` eligible assistants, best first, with their score breakdowns. */
export async function findTopCandidates(tx: Tx, query: EligibilityQuery, context: RankingContext, count: number) {
  const candidates = await findEligibleAssistants(tx, query);

  return rankCandidates(candidates, context).slice(0, count);
}
