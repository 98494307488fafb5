/**
 * A seeded pseudo-random generator, so the seeded history is the same on
 * every run. It is mulberry32 (a 32-bit state, period 2^32), which is plenty
 * for a few thousand draws and is not meant for anything secret.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Returns a float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let value = this.state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);

    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** Returns an integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Returns a float in [min, max). */
  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) {
      throw new Error("Cannot pick from an empty list");
    }

    return item;
  }

  /** Picks a key with probability proportional to its weight, counting a missing weight as 0. */
  weighted<K extends string>(weights: Readonly<Partial<Record<K, number>>>): K {
    const entries = (Object.entries(weights) as Array<[K, number | undefined]>).map(([key, weight]): [K, number] => [key, weight ?? 0]);
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let target = this.next() * total;
    for (const [key, weight] of entries) {
      target -= weight;
      if (target < 0) {
        return key;
      }
    }
    const last = entries.at(-1);
    if (!last) {
      throw new Error("Cannot pick from empty weights");
    }

    return last[0];
  }

  /** Returns `count` distinct items in random order, or all of them when there are fewer. */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const chosen: T[] = [];
    while (chosen.length < count && pool.length > 0) {
      const [item] = pool.splice(Math.floor(this.next() * pool.length), 1);
      if (item !== undefined) {
        chosen.push(item);
      }
    }

    return chosen;
  }

  /** Returns an id shaped like Prisma's cuid: "c" and 24 lowercase letters and digits. */
  id(): string {
    let text = "c";
    while (text.length < 25) {
      text += Math.floor(this.next() * 36).toString(36);
    }

    return text;
  }
}
