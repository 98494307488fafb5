/** Renders a task row's count of conversation messages the viewer has not read, or nothing when there are none. */
export function UnreadMessages({ count }: { count: number }) {
  if (count === 0) {
    return null;
  }

  return <p className="mt-1 text-sm font-medium text-indigo-800">{count === 1 ? "1 unread message" : `${count} unread messages`}</p>;
}
