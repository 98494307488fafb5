import type { WorkTask } from "./types";

/** Renders the client's brief with its description, skills, reference links and the client's standing notes. */
export function TaskBrief({ task }: { task: WorkTask }) {
  return (
    <section aria-labelledby="brief-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="brief-heading" className="text-lg font-semibold">
        The brief
      </h2>
      <p className="text-sm whitespace-pre-wrap break-words text-slate-800">{task.description}</p>

      <div className="space-y-1">
        <h3 className="text-sm font-medium text-slate-800">Skills</h3>
        <ul aria-label="Required skills" className="flex flex-wrap gap-2">
          {task.skills.map((row) => (
            <li key={row.skill.name} className="rounded-full bg-slate-200 px-2.5 py-0.5 text-xs font-medium text-slate-800">
              {row.skill.name}
            </li>
          ))}
        </ul>
      </div>

      {task.referenceLinks.length > 0 ? (
        <div className="space-y-1">
          <h3 className="text-sm font-medium text-slate-800">Reference links</h3>
          <ul className="space-y-1 text-sm">
            {task.referenceLinks.map((link) => (
              <li key={link} className="break-all">
                <a href={link} target="_blank" rel="noopener noreferrer nofollow" className="text-indigo-700 underline">
                  {link}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <div className="space-y-1 rounded-md bg-slate-50 p-3">
        <h3 className="text-sm font-medium text-slate-800">The client&apos;s standing notes</h3>
        <p className="text-sm whitespace-pre-wrap break-words text-slate-700">{task.client.standingNotes.trim() || "The client has no standing notes."}</p>
      </div>
    </section>
  );
}
