/**
 * The one interface every payment provider implements. The built-in
 * provider below records a purchase at once without taking payment; a card
 * processor can implement the same interface later, charging before it
 * returns, and the purchase code above it stays the same.
 */
export interface BillingProvider {
  readonly name: string;
  /**
   * Charges for one purchase. Called at most once per idempotency key by
   * Baton, and must itself be idempotent on that key, because a crash
   * between the charge and the commit retries the call.
   */
  charge(request: ChargeRequest): Promise<{ providerRef: string }>;
}

export interface ChargeRequest {
  clientId: string;
  kind: "plan" | "top_up";
  planCode: string | null;
  seconds: number;
  idempotencyKey: string;
}

/** Records purchases immediately, with no payment taken. */
export const builtInProvider: BillingProvider = {
  name: "built-in",
  charge: (request) => Promise.resolve({ providerRef: `built-in:${request.idempotencyKey}` }),
};
