/** Minimum gap kept between two spans of one assistant's work. */
const GAP_MS = 10 * 60_000;

/**
 * Each assistant's busy spans, so generated time entries never overlap the
 * assistant's other entries, the demo's included.
 */
export class WorkCalendar {
  private readonly spans = new Map<string, Array<{ start: number; end: number }>>();

  reserve(assistantId: string, start: Date, end: Date): void {
    const list = this.spans.get(assistantId) ?? [];
    list.push({ start: start.getTime(), end: end.getTime() });
    this.spans.set(assistantId, list);
  }

  /** True when [start, end) keeps the gap to every span of the assistant. */
  isFree(assistantId: string, start: Date, end: Date): boolean {
    return this.conflict(assistantId, start.getTime(), end.getTime()) === null;
  }

  /** Returns the first start at or after `earliest` where `seconds` of work fit. */
  nextFree(assistantId: string, earliest: Date, seconds: number): Date {
    let start = earliest.getTime();
    for (;;) {
      const blocking = this.conflict(assistantId, start, start + seconds * 1000);
      if (blocking === null) {
        return new Date(start);
      }
      start = blocking.end + GAP_MS;
    }
  }

  private conflict(assistantId: string, start: number, end: number): { start: number; end: number } | null {
    for (const span of this.spans.get(assistantId) ?? []) {
      if (start < span.end + GAP_MS && span.start < end + GAP_MS) {
        return span;
      }
    }

    return null;
  }
}
