/**
 * The source of "now" for every rule with a deadline. Production uses the
 * system clock; tests pass a clock they move by hand.
 */
export interface Clock {
  now(): Date;
}

const testClockOffset = globalThis as { batonTestClockOffsetMs?: number };

/**
 * The system clock, shifted by the offset that the browser suite sets through
 * the test clock route. The offset stays 0 unless E2E_TEST_CLOCK is on.
 * It lives on globalThis because route handlers and the deadline driver are
 * bundled separately but share one process.
 */
export const systemClock: Clock = {
  now: () => new Date(Date.now() + (testClockOffset.batonTestClockOffsetMs ?? 0)),
};

/** Moves the system clock forward for every module of this process and returns the new total offset. */
export function shiftSystemClock(milliseconds: number): number {
  const offset = (testClockOffset.batonTestClockOffsetMs ?? 0) + milliseconds;
  testClockOffset.batonTestClockOffsetMs = offset;

  return offset;
}

/** A clock that stays at one instant until a test moves it. */
export class ManualClock implements Clock {
  private current: number;

  constructor(start: Date | string) {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(instant: Date | string): void {
    this.current = new Date(instant).getTime();
  }

  advance(milliseconds: number): Date {
    this.current += milliseconds;

    return this.now();
  }
}
