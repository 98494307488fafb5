import type { Prisma } from "../db/generated/client";

/**
 * Sample ranking weights for seeded offers, equal to the router's defaults
 * when the seed was written. Seeded scores are illustrations in the shape the
 * router stores ({ factors: { name: { value, weight } }, total, audience });
 * they are not recomputed from assistants' history.
 */
const SAMPLE_WEIGHTS = { skillFit: 1, reliability: 2, load: 1, fairness: 1, trialConversion: 1.5 } as const;

type FactorName = keyof typeof SAMPLE_WEIGHTS;

const round = (value: number) => Math.round(value * 1000) / 1000;

/** Builds a deterministic score breakdown from the brief's index and the offer's place in its wave. */
export function sampleScore(
  briefIndex: number,
  offerPosition: number,
  options: { clientOnTrial: boolean; audience: "primary" | "team" | "pool" },
): { score: number; scoreBreakdown: Prisma.InputJsonObject } {
  const values: Partial<Record<FactorName, number>> = {
    skillFit: 1 - ((briefIndex + offerPosition) % 3) * 0.1,
    reliability: 0.7 + ((briefIndex * 3 + offerPosition) % 4) * 0.1,
    load: 1 - ((briefIndex + 2 * offerPosition) % 3) / 3,
    fairness: 0.4 + ((briefIndex + 5 * offerPosition) % 6) * 0.1,
  };
  if (options.clientOnTrial) {
    values.trialConversion = 0.33 + ((briefIndex + offerPosition) % 3) * 0.1;
  }

  const factors: Record<string, { value: number; weight: number }> = {};
  let weighted = 0;
  let totalWeight = 0;
  for (const [name, value] of Object.entries(values) as Array<[FactorName, number]>) {
    const weight = SAMPLE_WEIGHTS[name];
    factors[name] = { value: round(value), weight };
    weighted += value * weight;
    totalWeight += weight;
  }
  const total = round(weighted / totalWeight);

  return { score: total, scoreBreakdown: { factors, total, audience: options.audience } };
}
