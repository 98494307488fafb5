/**
 * The source of "now" for every rule with a deadline. Production uses the
 * system clock; tests pass a clock they move by hand.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = {
  now: () => new Date(),
};

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
